// Writes sim/fixtures/eligibility/fixture.json, the simulator's insured persons. Run once with
// `npx tsx sim/eligibility/build-fixture.ts`; the output is committed. The persons with a
// card match sim/fixtures/persons/*.json (same name, birth date, sex, address); the others exist
// only for look-ups by insurance card numbers, so that every status and every 限度額 class occurs.
import { readFileSync, writeFileSync } from 'node:fs';
import { checkDigit } from '../../electron/eligibility/insurance-number';
import type { LimitClassFlag, QualificationRecord } from '../../electron/eligibility/wire';
import { fixtureSchema, type FixturePerson } from './fixture';

const insurer = (body: string) => `${body}${checkDigit(body)}`;

/** Full-width katakana → the half-width form the service sends (eligibility.md §5.2). */
const HALF: Record<string, string> = Object.fromEntries(
  [
    ...'アｱイｲウｳエｴオｵカｶキｷクｸケｹコｺサｻシｼスｽセｾソｿタﾀチﾁツﾂテﾃトﾄナﾅニﾆヌﾇネﾈノﾉハﾊヒﾋフﾌヘﾍホﾎマﾏミﾐムﾑメﾒモﾓヤﾔユﾕヨﾖラﾗリﾘルﾙレﾚロﾛワﾜヲｦンﾝァｧィｨゥｩェｪォｫッｯャｬュｭョｮー',
  ]
    .reduce<string[][]>(
      (pairs, char, index, all) => (index % 2 === 0 ? [...pairs, [char, all[index + 1]!]] : pairs),
      [],
    )
    .map(([full, half]) => [full!, half!]),
);
const VOICED: Record<string, string> = {
  ガ: 'ｶﾞ',
  ギ: 'ｷﾞ',
  グ: 'ｸﾞ',
  ゲ: 'ｹﾞ',
  ゴ: 'ｺﾞ',
  ザ: 'ｻﾞ',
  ジ: 'ｼﾞ',
  ズ: 'ｽﾞ',
  ゼ: 'ｾﾞ',
  ゾ: 'ｿﾞ',
  ダ: 'ﾀﾞ',
  ヂ: 'ﾁﾞ',
  ヅ: 'ﾂﾞ',
  デ: 'ﾃﾞ',
  ド: 'ﾄﾞ',
  バ: 'ﾊﾞ',
  ビ: 'ﾋﾞ',
  ブ: 'ﾌﾞ',
  ベ: 'ﾍﾞ',
  ボ: 'ﾎﾞ',
  パ: 'ﾊﾟ',
  ピ: 'ﾋﾟ',
  プ: 'ﾌﾟ',
  ペ: 'ﾍﾟ',
  ポ: 'ﾎﾟ',
  ヴ: 'ｳﾞ',
};
const halfKana = (kana: string) =>
  [...kana].map((c) => VOICED[c] ?? HALF[c] ?? (c === '　' ? ' ' : c)).join('');

interface Base {
  id: string;
  cardPersonId?: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'male' | 'female';
  address: string;
  postNumber: string;
}

function record(
  person: Base,
  fields: Partial<QualificationRecord> &
    Pick<QualificationRecord, 'insurerNumber' | 'insurerName' | 'number'>,
): QualificationRecord {
  return {
    cardClassification: '01',
    personalFamily: 'insured',
    name: person.name,
    nameKana: halfKana(person.kana),
    birthDate: person.birthDate,
    sex: person.sex,
    address: person.address,
    postNumber: person.postNumber,
    qualificationDate: '2020-04-01',
    copaymentRatio: 30,
    preschool: false,
    specificDiseases: [],
    ...fields,
  };
}

function limit(flag: LimitClassFlag, classification: '01' | '02' | '03' = '01') {
  return {
    classification,
    classFlag: flag,
    certificateDate: '2026-04-01',
    validFrom: '2026-04-01',
    validUntil: '2027-07-31',
  };
}

const medication = [
  {
    dispensedOn: '2026-10-02',
    drugName: 'アムロジピン錠5mg',
    quantity: 1,
    unit: '錠',
    days: 28,
    pharmacy: 'うけつけ薬局',
  },
  {
    dispensedOn: '2026-10-30',
    drugName: 'ロキソプロフェンNa錠60mg',
    quantity: 3,
    unit: '錠',
    days: 5,
    pharmacy: 'うけつけ薬局',
  },
];
const healthChecks = [
  {
    examinedOn: '2026-06-12',
    heightCm: 171.2,
    weightKg: 68.4,
    systolicMmHg: 128,
    diastolicMmHg: 82,
    hba1cPercent: 5.6,
  },
];

const kyokai = { insurerNumber: insurer('0113001'), insurerName: '全国健康保険協会東京支部' };
const kenpo = { insurerNumber: '06130488', insurerName: 'うけつけ健康保険組合' };
const kokuho = { insurerNumber: insurer('13822'), insurerName: '千代田区国民健康保険' };
const koki = { insurerNumber: insurer('3913001'), insurerName: '東京都後期高齢者医療広域連合' };

const persons: FixturePerson[] = [];
function add(
  base: Base,
  status: FixturePerson['status'],
  records: QualificationRecord[],
  note: string,
  extra: Partial<FixturePerson> = {},
) {
  persons.push({
    id: base.id,
    ...(base.cardPersonId ? { cardPersonId: base.cardPersonId } : {}),
    name: base.name,
    birthDate: base.birthDate,
    sex: base.sex,
    address: base.address,
    status,
    records,
    medication: [],
    healthChecks: [],
    note,
    ...extra,
  });
}
/** A card holder: who they are comes from the virtual card's person file, so the two always agree. */
function card(id: string, postNumber: string): Base {
  const person = JSON.parse(
    readFileSync(new URL(`../fixtures/persons/${id}.json`, import.meta.url), 'utf8'),
  ) as {
    name: string;
    nameKana: string;
    birthDate: string;
    sex: 'male' | 'female';
    address: string;
  };
  return {
    id,
    cardPersonId: id,
    name: person.name,
    kana: person.nameKana,
    birthDate: person.birthDate,
    sex: person.sex,
    address: person.address,
    postNumber,
  };
}

const yamada = card('yamada-taro', '100-0013');
add(
  yamada,
  'valid',
  [
    record(yamada, {
      ...kyokai,
      symbol: '1020304',
      number: '12',
      branch: '00',
      limitApplication: limit('A03'),
    }),
  ],
  '本人, 3割, 限度額 ウ; medication and health checks on file',
  { medication, healthChecks },
);

const sato = card('sato-hanako', '105-0011');
add(
  sato,
  'valid',
  [
    record(sato, {
      ...kenpo,
      symbol: '5',
      number: '1234',
      branch: '02',
      personalFamily: 'dependent',
      insuredName: '佐藤　一郎',
      limitApplication: limit('A01'),
      specificDiseases: [
        { category: '1', validFrom: '2025-04-01', validUntil: '2027-03-31', selfPay: 10_000 },
      ],
    }),
  ],
  '家族 (dependent), 特定疾病 人工透析, 限度額 ア',
  { medication: medication.slice(0, 1), healthChecks },
);

const suzuki = card('suzuki-ichiro', '102-0074');
add(
  suzuki,
  'valid',
  [
    record(suzuki, {
      ...kokuho,
      symbol: '千代田',
      number: '0012345',
      branch: '01',
      limitApplication: limit('A04'),
      specificDiseases: [
        { category: '2', validFrom: '2024-04-01', validUntil: '2027-03-31', selfPay: 10_000 },
      ],
    }),
  ],
  '国保 (6-digit insurer), PIN-less card, 特定疾病 血友病, 限度額 エ',
);

const takahashi = card('takahashi-ken', '231-0021');
add(
  takahashi,
  'invalid',
  [
    record(takahashi, {
      ...kyokai,
      symbol: '2030405',
      number: '7',
      branch: '00',
      qualificationDate: '2015-04-01',
      disqualificationDate: '2026-09-30',
      reasonOfLoss: '03',
    }),
  ],
  '資格喪失 (job change), no newer record registered yet',
);

const tanaka = card('tanaka-michiko', '330-0063');
add(
  tanaka,
  'invalid-newer-record',
  [
    record(tanaka, {
      ...kokuho,
      symbol: '浦和',
      number: '0098765',
      branch: '01',
      copaymentRatio: 20,
      disqualificationDate: '2026-10-31',
      reasonOfLoss: '03',
      elderlyRecipient: {
        certificateDate: '2025-07-01',
        validFrom: '2025-08-01',
        validUntil: '2026-10-31',
        contributionRatio: 20,
      },
      limitApplication: limit('B04'),
    }),
  ],
  '無効（新しい資格あり）: moved insurer; 高齢受給者 2割, 限度額 一般',
);

const kimura = card('kimura-shinji', '604-8571');
add(
  kimura,
  'valid',
  [
    record(kimura, {
      ...kyokai,
      symbol: '3040506',
      number: '21',
      branch: '00',
      limitApplication: limit('A02'),
    }),
  ],
  'valid record, but the card certificate has expired: refused before look-up',
);

const nakamura = card('nakamura-goro', '460-8501');
add(
  nakamura,
  'valid',
  [record(nakamura, { ...kenpo, symbol: '8', number: '5678', branch: '00', limitApplication: limit('A06') })],
  'valid record, but the card certificate is revoked: refused before look-up',
);

const yoshida = card('yoshida-hitomi', '530-0001');
add(
  yoshida,
  'valid',
  [
    record(yoshida, {
      ...kenpo,
      symbol: '9',
      number: '2468',
      branch: '01',
      insuredName: '𠮷田　ひとみ',
      limitApplication: limit('A05'),
    }),
  ],
  'name and address outside JIS levels 1–2 (𠮷, 髙), 限度額 オ',
);

const garcia = card('garcia-maria', '163-8001');
add(
  garcia,
  'multiple',
  [
    record(garcia, {
      ...kokuho,
      symbol: '新宿',
      number: '0055555',
      branch: '01',
      nameOfOther: 'ガルシア　マリア',
      nameOfOtherKana: halfKana('ガルシア　マリア'),
    }),
    record(garcia, {
      ...kyokai,
      symbol: '4050607',
      number: '33',
      branch: '00',
      qualificationDate: '2026-10-01',
    }),
  ],
  '複数該当: 国保 not yet lost after joining 協会けんぽ; 通称 in kana',
);

const itoAndroid = card('ito-android', '812-8577');
add(itoAndroid, 'pending', [], '処理中: the smartphone certificate was registered minutes ago');

const itoIphone = card('ito-iphone', '812-8577');
add(
  itoIphone,
  'not-found',
  [],
  '該当資格なし: this iPhone certificate was never registered for マイナ保険証',
);

const kobayashi = card('broken-photo', '060-8588');
// 紐付け誤り: the insurer linked another 小林 アイ (born ten days later) to this card's certificate.
add(
  kobayashi,
  'valid',
  [
    record(
      {
        ...kobayashi,
        name: '小林　愛子',
        kana: 'コバヤシ　アイコ',
        birthDate: '1982-07-17',
        address: '北海道旭川市６条通９丁目',
        postNumber: '070-8525',
      },
      { ...kyokai, symbol: '5060708', number: '44', branch: '00' },
    ),
  ],
  'wrong link: the record linked to this certificate is another person (birth date differs)',
  { medication },
);

const kato = card('garbage-card', '730-8511');
add(
  kato,
  'valid',
  [
    record(kato, {
      insurerNumber: insurer('1234001'),
      insurerName: '広島市福祉事務所',
      cardClassification: 'A1',
      number: '0001234',
      copaymentRatio: 0,
      publicAssistanceTicket: {
        ticketType: '1',
        issueNumber: '2026110001',
        treatmentMonth: '2026-11',
        designatedInstitutionCode: '1311111114',
        selfPayAmount: 0,
      },
    }),
  ],
  '医療扶助 (生活保護) 医療券; the card itself answers garbage, so only reachable by numbers',
);

// Look-up-only persons: every remaining 限度額 class, 後期高齢者 without branch numbers, and two
// persons sharing the same numbers and birth date (複数該当 by numbers).
const elderly: Array<[LimitClassFlag, '01' | '02' | '03', string, string, 'male' | 'female', number]> = [
  ['B01', '01', '森　一', 'モリ　ハジメ', 'male', 30],
  ['B02', '01', '林　二郎', 'ハヤシ　ジロウ', 'male', 30],
  ['B03', '01', '清水　三千代', 'シミズ　ミチヨ', 'female', 30],
  ['B05', '02', '山口　五月', 'ヤマグチ　サツキ', 'female', 10],
  ['B06', '02', '松本　六郎', 'マツモト　ロクロウ', 'male', 10],
  ['B07', '02', '井上　七海', 'イノウエ　ナナミ', 'female', 10],
  ['B08', '02', '木下　八重', 'キノシタ　ヤエ', 'female', 10],
  ['B09', '01', '山崎　九太', 'ヤマザキ　キュウタ', 'male', 20],
  ['B10', '01', '池田　十和', 'イケダ　トワ', 'female', 10],
];
elderly.forEach(([flag, classification, name, kana, sex, ratio], index) => {
  const base: Base = {
    id: `lookup-${flag.toLowerCase()}`,
    name,
    kana,
    birthDate: `1940-0${(index % 9) + 1}-1${index % 10}`,
    sex,
    address: '東京都千代田区丸の内一丁目１番１号',
    postNumber: '100-0005',
  };
  add(
    base,
    'valid',
    [
      record(base, {
        ...koki,
        number: `${71000 + index}`,
        copaymentRatio: ratio,
        limitApplication: limit(flag, classification),
      }),
    ],
    `後期高齢者, 限度額 ${flag}`,
  );
});
const twinA: Base = {
  id: 'lookup-duplicate-a',
  name: '斎藤　優',
  kana: 'サイトウ　ユウ',
  birthDate: '2001-01-01',
  sex: 'male',
  address: '千葉県千葉市中央区市場町１番１号',
  postNumber: '260-8667',
};
const twinB: Base = {
  ...twinA,
  id: 'lookup-duplicate-b',
  name: '斎藤　優子',
  kana: 'サイトウ　ユウコ',
  sex: 'female',
};
for (const twin of [twinA, twinB])
  add(
    twin,
    'valid',
    [record(twin, { ...kyokai, symbol: '6070809', number: '55', branch: '00' })],
    '複数該当 by numbers: two persons registered under the same numbers and birth date',
  );
const child: Base = {
  id: 'lookup-preschool',
  name: '山田　花',
  kana: 'ヤマダ　ハナ',
  birthDate: '2022-05-05',
  sex: 'female',
  address: yamada.address,
  postNumber: yamada.postNumber,
};
add(
  child,
  'valid',
  [
    record(child, {
      ...kyokai,
      symbol: '1020304',
      number: '12',
      branch: '01',
      personalFamily: 'dependent',
      insuredName: '山田　太郎',
      preschool: true,
      copaymentRatio: 20,
    }),
  ],
  '未就学 dependent of yamada-taro: 2割',
);

const fixture = fixtureSchema.parse({ persons });
writeFileSync(
  new URL('../fixtures/eligibility/fixture.json', import.meta.url),
  `${JSON.stringify(fixture, null, 2)}\n`,
);
console.log(`wrote ${persons.length} persons`);
