import { describe, expect, it } from 'vitest';
import { decideRisk } from '../../src/core/risk';
import { clearFace } from './face-fixture';

const IMG = { width: 1000, height: 1000 };
const face = clearFace;

describe('decideRisk', () => {
  it('flags a big sharp frontal real face as high with its width', () => {
    const r = decideRisk([face()], IMG, 'balanced');
    expect(r.risk).toBe('high');
    expect(r.reasons[0]).toEqual({ key: 'reason_face_clear_frontal', values: ['260'] });
  });
  it('returns none without faces and unknown for an empty image', () => {
    expect(decideRisk([], IMG, 'balanced').risk).toBe('none');
    expect(decideRisk([face()], { width: 0, height: 0 }, 'balanced').risk).toBe('unknown');
  });
  it('downgrades by size: medium when a bit small, low when tiny', () => {
    expect(decideRisk([face({ eyeDistance: 35, faceWidth: 93 })], IMG, 'balanced').risk).toBe('medium');
    expect(decideRisk([face({ eyeDistance: 15, faceWidth: 40 })], IMG, 'balanced').risk).toBe('low');
  });
  it('calls a tiny face tiny before anything else (landmarks are not fitted on such faces)', () => {
    const r = decideRisk(
      [face({ eyeDistance: 15, faceWidth: 40, realness: 0, sharpness: 0 })],
      IMG,
      'balanced',
    );
    expect(r).toEqual({ risk: 'low', reasons: [{ key: 'reason_face_tiny', values: ['40'] }] });
  });
  it('sensitivity moves the size threshold', () => {
    const f = face({ eyeDistance: 40 });
    expect(decideRisk([f], IMG, 'strict').risk).toBe('high');
    expect(decideRisk([f], IMG, 'balanced').risk).toBe('medium');
    const g = face({ eyeDistance: 50 });
    expect(decideRisk([g], IMG, 'balanced').risk).toBe('high');
    expect(decideRisk([g], IMG, 'relaxed').risk).toBe('medium');
  });
  it('turned, profile, blurred, dark, covered and non-photo faces are not high', () => {
    expect(decideRisk([face({ pose: { yaw: 45, pitch: 0, roll: 0 } })], IMG, 'balanced').risk).toBe('medium');
    expect(decideRisk([face({ pose: { yaw: 80, pitch: 0, roll: 0 } })], IMG, 'balanced').risk).toBe('low');
    expect(decideRisk([face({ sharpness: 0.1 })], IMG, 'balanced').risk).toBe('low');
    expect(decideRisk([face({ exposure: { mean: 0.02, clipped: 0.9 } })], IMG, 'balanced').risk).toBe('low');
    expect(decideRisk([face({ occlusion: 0.8 })], IMG, 'balanced').reasons[0]?.key).toBe(
      'reason_face_covered',
    );
    expect(decideRisk([face({ realness: 0.1 })], IMG, 'balanced').reasons[0]?.key).toBe(
      'reason_face_not_photo',
    );
    // Covered and not real: art by the photo model says "not a photo", a low mesh fit alone "covered".
    expect(
      decideRisk([face({ occlusion: 0.8, photo: 0.2, realness: 0.2 })], IMG, 'balanced').reasons[0]?.key,
    ).toBe('reason_face_not_photo');
    expect(decideRisk([face({ occlusion: 0.8, realness: 0.2 })], IMG, 'balanced').reasons[0]?.key).toBe(
      'reason_face_covered',
    );
    expect(decideRisk([face({ partsInside: 0.6 })], IMG, 'balanced')).toEqual({
      risk: 'low',
      reasons: [{ key: 'reason_face_cut' }],
    });
  });
  it('the riskiest face decides and several clear faces are counted', () => {
    const r = decideRisk([face({ eyeDistance: 10 }), face(), face({ faceWidth: 300 })], IMG, 'balanced');
    expect(r.risk).toBe('high');
    expect(r.reasons).toContainEqual({ key: 'reason_several_faces', values: ['2'] });
  });
});

describe('reason keys', () => {
  it('every key the decision can emit has en and zh_CN strings with matching placeholders', async () => {
    const en = (await import('../../src/i18n/en/reasons.json')).default as Record<
      string,
      { message: string }
    >;
    const zh = (await import('../../src/i18n/zh_CN/reasons.json')).default as Record<
      string,
      { message: string }
    >;
    for (const key of Object.keys(en)) {
      expect(zh[key], key).toBeDefined();
      const ph = (s: string) => (s.match(/\$\d/g) ?? []).sort().join();
      expect(ph(zh[key]!.message), key).toBe(ph(en[key]!.message));
    }
    const faces = [
      face(),
      face({ eyeDistance: 30 }),
      face({ eyeDistance: 5 }),
      face({ pose: { yaw: 50, pitch: 0, roll: 0 } }),
      face({ pose: { yaw: 85, pitch: 0, roll: 0 } }),
      face({ sharpness: 0.3 }),
      face({ sharpness: 0 }),
      face({ exposure: { mean: 0, clipped: 1 } }),
      face({ occlusion: 1 }),
      face({ realness: 0 }),
    ];
    for (const f of faces)
      for (const r of decideRisk([f, f], IMG, 'balanced').reasons) expect(en[r.key], r.key).toBeDefined();
    expect(en[decideRisk([], IMG, 'balanced').reasons[0]!.key]).toBeDefined();
  });
});
