import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('denies everything not named', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('allows scripts only from our own origin, without eval or inline code', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it('names no remote origin anywhere', () => {
    for (const [, values] of policy) {
      for (const value of values) {
        expect(value).toMatch(/^('self'|'none'|blob:|data:|mediastream:)$/);
      }
    }
  });

  it('forbids plugins, framing, base rewriting and form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });
});
