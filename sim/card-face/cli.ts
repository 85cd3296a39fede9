// QA: render one simulated card face as the tray camera would see it.
//   npm run sim:card-face -- --person yamada-taro --variant blur --out /tmp/x.png [--seed 3] [--frame 0]
//   npm run sim:card-face -- --person random --family stacked-serif --seed 4 --out /tmp/y.png
//   npm run sim:card-face -- --list
// --person takes a fixture id (sim/fixtures/persons) or `random`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadFixturePersons, randomPerson, seededRandom } from './persons';
import { LAYOUT_FAMILIES, drawCardStyle } from './layouts';
import { VARIANT_NAMES, photoDataUri, renderCardScene, variantDegradation, type VariantName } from './render';
import { stockPhotoFile } from './virtual-scanner';

const { values } = parseArgs({
  options: {
    person: { type: 'string', default: 'yamada-taro' },
    variant: { type: 'string', default: 'clean' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    frame: { type: 'string', default: '0' },
    family: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

const persons = loadFixturePersons();
if (values.list) {
  console.log(`persons: ${persons.map((person) => person.id).join(', ')}, random`);
  console.log(`variants: ${VARIANT_NAMES.join(', ')}`);
  console.log(
    `layout families: ${LAYOUT_FAMILIES.map((f) => `${f.name}${f.heldOut ? ' (held out)' : ''}`).join(', ')}`,
  );
  process.exit(0);
}
const variant = values.variant as VariantName;
if (!VARIANT_NAMES.includes(variant)) {
  console.error(`unknown variant "${values.variant}"; one of: ${VARIANT_NAMES.join(', ')}`);
  process.exit(2);
}
const seed = Number(values.seed);
const person =
  values.person === 'random' ? randomPerson(seededRandom(seed)) : persons.find((p) => p.id === values.person);
if (!person) {
  console.error(`no card-holding person "${values.person}"; try --list`);
  process.exit(2);
}
const style = values.family ? drawCardStyle(values.family, seed) : undefined;
const photoFile = person.photoFile ?? (style?.photo === 'face' ? stockPhotoFile(seed) : undefined);
const image = await renderCardScene(person, {
  degradation: variantDegradation(variant, seededRandom(seed)),
  card: {
    style,
    photoDataUri: photoFile ? photoDataUri(photoFile) : undefined,
    certificateExpiry: { ...person.cardExpiry, year: person.cardExpiry.year - 5 },
    endorsement: { date: { year: 2021, month: 6, day: 1 }, text: '住所変更' },
  },
  frameIndex: Number(values.frame),
  seed,
});
const jpeg = image[0] === 0xff;
const out = values.out ?? path.resolve(`card-face-${person.id}-${variant}.${jpeg ? 'jpg' : 'png'}`);
writeFileSync(out, image);
console.log(`${out} (${jpeg ? 'JPEG' : 'PNG'}, ${image.length} bytes)`);
