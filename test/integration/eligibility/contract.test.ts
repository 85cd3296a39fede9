// The contract in docs/eligibility-api.md holds the client and the simulator: the document equals
// what the code generates, and every request the client really sent and every answer the
// simulator really gave (success and refusal) validate against the document's own schemas.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApi, readDocumentedOpenApi } from '../../../sim/eligibility/openapi';
import { ALL_CONSENT, faceIdentity, NO_CONSENT, pinIdentity, useKiosk } from './harness';

type Json = Record<string, unknown>;
const documented = readDocumentedOpenApi();
const t = useKiosk({ simulator: { recordExchanges: true } });

function documentedOperation(path: string): Json {
  const paths = documented.paths as Record<string, Json>;
  const entry = Object.entries(paths).find(([template]) =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
  if (!entry) throw new Error(`${path} is not in the documented contract`);
  return entry[1].post as Json;
}

const bodySchema = (content: Json) => {
  const schema = ((content.content as Json)['application/json'] as Json).schema as Json;
  const resolved = schema.$ref ? ((documented.components as Json).schemas as Json).Error : schema;
  return z.fromJSONSchema(resolved as Parameters<typeof z.fromJSONSchema>[0]);
};

describe('docs/eligibility-api.md', () => {
  it('is the contract the code implements (regenerate with sim/eligibility/openapi.ts)', () => {
    expect(documented).toEqual(buildOpenApi());
  });

  it('rejects a body that breaks it (the check is not vacuous)', () => {
    const confirm = documentedOperation('/v1/confirmations');
    const request = bodySchema(confirm.requestBody as Json);
    expect(request.safeParse({ medicalInstitutionCode: '1311111114', method: 'face' }).success).toBe(false);
    const answer = bodySchema((confirm.responses as Json)['200'] as Json);
    expect(
      answer.safeParse({ requestId: 'x', processedAt: 'now', status: 'valid', records: [], notes: [] })
        .success,
    ).toBe(false);
  });

  it('holds every request the client sent and every answer the simulator gave', async () => {
    const confirmed = await t.kiosk.service.confirm(faceIdentity('yamada-taro', ALL_CONSENT));
    await t.kiosk.service.confirm(await pinIdentity('sato-hanako', t.kiosk.service));
    await t.kiosk.service.confirm(faceIdentity('garcia-maria'));
    await t.kiosk.service.confirm(faceIdentity('nakamura-goro'));
    const declined = await t.kiosk.service.confirm(faceIdentity('suzuki-ichiro', NO_CONSENT));
    await t.kiosk.service.medication(confirmed.requestId);
    await t.kiosk.service.healthCheck(confirmed.requestId);
    await t.kiosk.upstream.medication(declined.confirmationId!, 'contract-direct-ask').catch(() => undefined);
    await t.kiosk.service.lookupByInsuranceCard({
      insurerNumber: '39130018',
      number: '71000',
      birthDate: '1940-01-10',
    });
    await t.kiosk.service.lookupByInsuranceCard({
      insurerNumber: '06130488',
      symbol: '9',
      number: '2468',
      branch: '01',
      birthDate: '1988-12-24',
    });
    await t.kiosk.service
      .disasterMedication({
        name: '山田太郎',
        birthDate: '1984-04-30',
        sex: 'male',
        address: '東京都千代田区霞が関一丁目２番３号',
      })
      .catch(() => undefined);
    t.sim.setDisaster(true);
    await t.kiosk.service.disasterMedication({
      name: '山田太郎',
      birthDate: '1984-04-30',
      sex: 'male',
      address: '東京都千代田区霞が関一丁目２番３号',
    });
    t.sim.setDisaster(false);

    const seen = new Set<string>();
    for (const exchange of t.sim.exchanges) {
      const operation = documentedOperation(exchange.path);
      seen.add(`${operation.operationId as string}:${exchange.status}`);
      const request = bodySchema(operation.requestBody as Json).safeParse(exchange.requestBody);
      expect(request.success, `${exchange.path} request`).toBe(true);
      const responses = operation.responses as Json;
      const documentedAnswer = responses[
        exchange.status === 200 ? '200' : exchange.status < 500 ? '4XX' : '5XX'
      ] as Json;
      const answer = bodySchema(documentedAnswer).safeParse(exchange.responseBody);
      expect(
        answer.success,
        `${exchange.path} ${exchange.status} answer: ${JSON.stringify(answer.error?.issues[0])}`,
      ).toBe(true);
    }
    expect([...seen].sort()).toEqual([
      'confirmByCard:200',
      'confirmByCard:403',
      'createChallenge:200',
      'disasterMedication:200',
      'disasterMedication:403',
      'healthCheck:200',
      'lookupByInsuranceCard:200',
      'medication:200',
      'medication:403',
    ]);
  });
});
