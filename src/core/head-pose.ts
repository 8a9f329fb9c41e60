// Head pose from the mesh's 3D points, by rigid alignment to the canonical face (pure maths, no DOM).
//
// FaceMesh regresses x, y (image pixels) and a relative depth z in the same units for each of its 468
// points. The rotation that best carries the canonical face onto those points (least squares, with a
// uniform scale: Horn's closed form with unit quaternions) is the head's rotation: yaw and pitch say where
// the face points, roll how it is tilted about that direction. No angle is calibrated against labelled
// photos: the geometry alone decides.
import { CANONICAL_FACE } from './canonical-face';
import type { P3 } from './pose';
import type { HeadPose } from './verdict';

/**
 * Points of the rigid part of the face: brows, eyes, nose, cheekbones, temples, forehead and upper lip.
 * The jaw, chin and lower lip move when the mouth opens, and the outline points slide along the
 * silhouette as the head turns, so neither says where the skull points. Chosen from the canonical face:
 * every point above the mouth corners' height that is not on the face outline.
 */
export const RIGID_POINTS: readonly number[] = rigidPoints();

function rigidPoints(): number[] {
  const y = (i: number) => CANONICAL_FACE[i * 3 + 1]!;
  const z = (i: number) => CANONICAL_FACE[i * 3 + 2]!;
  const mouthCorner = y(61);
  const out: number[] = [];
  // Outline points sit behind the eye corners' depth (the cheek contour and temples); the canonical outer
  // eye corner is at z 3.17 cm and the cheek contour at -2.4 cm.
  for (let i = 0; i < 468; i++) if (y(i) > mouthCorner && z(i) > 0) out.push(i);
  return out;
}

/** Largest eigenvector of a symmetric 4x4 matrix (cyclic Jacobi rotations; converges in a few sweeps). */
function topEigenvector(a: number[][]): number[] {
  const v = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < 3; p++) for (let q = p + 1; q < 4; q++) off += a[p]![q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < 3; p++) {
      for (let q = p + 1; q < 4; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < 4; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < 4; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < 4; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < 4; i++) if (a[i]![i]! > a[best]![best]!) best = i;
  return v.map((row) => row[best]!);
}

/**
 * The rotation (row-major 3x3) that best carries `from` onto `to` once their centroids and a uniform
 * scale are removed (Horn 1987, closed-form absolute orientation with unit quaternions).
 */
export function bestRotation(from: readonly P3[], to: readonly P3[]): number[] {
  const n = Math.min(from.length, to.length);
  const ca = [0, 0, 0];
  const cb = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      ca[k]! += from[i]![k]! / n;
      cb[k]! += to[i]![k]! / n;
    }
  }
  // S[r][c] = sum over points of a_r * b_c.
  const S = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < 3; r++) {
      const a = from[i]![r]! - ca[r]!;
      for (let c = 0; c < 3; c++) S[r]![c]! += a * (to[i]![c]! - cb[c]!);
    }
  }
  const [[xx, xy, xz], [yx, yy, yz], [zx, zy, zz]] = S as [number[], number[], number[]];
  const N = [
    [xx! + yy! + zz!, yz! - zy!, zx! - xz!, xy! - yx!],
    [yz! - zy!, xx! - yy! - zz!, xy! + yx!, zx! + xz!],
    [zx! - xz!, xy! + yx!, -xx! + yy! - zz!, yz! + zy!],
    [xy! - yx!, zx! + xz!, yz! + zy!, -xx! - yy! + zz!],
  ];
  const [w, x, y, z] = topEigenvector(N) as [number, number, number, number];
  return [
    w * w + x * x - y * y - z * z,
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    w * w - x * x + y * y - z * z,
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    w * w - x * x - y * y + z * z,
  ];
}

const DEG = 180 / Math.PI;

/**
 * Pose of a head from its FaceMesh points (x, y in image pixels with y down, z the mesh's depth in the
 * same units, smaller = nearer the camera). The mesh's own depth is used: measured on rendered heads of
 * known pose it beat taking the depth from the canonical face and fitting only the image positions
 * (mean absolute yaw error 1.9 against 2.3 degrees within +-45, pitch 1.9 against 3.1).
 */
export function headPose(mesh: readonly P3[]): HeadPose {
  const from: P3[] = [];
  const to: P3[] = [];
  for (const i of RIGID_POINTS) {
    const p = mesh[i];
    if (!p) continue;
    from.push([CANONICAL_FACE[i * 3]!, CANONICAL_FACE[i * 3 + 1]!, CANONICAL_FACE[i * 3 + 2]!]);
    // Into the canonical face's axes: y up, z towards the camera.
    to.push([p[0], -p[1], -p[2]]);
  }
  if (from.length < 3) return { yaw: 0, pitch: 0, roll: 0 };
  const R = bestRotation(from, to);
  // Read as R = Ry(yaw) Rx(-pitch) Rz(-roll) (y up, z towards the camera): yaw and pitch are where the
  // face's forward axis points (R's third column: sideways, then up), roll is the tilt about that axis,
  // positive clockwise in the image. The same order as three.js's 'YXZ' Euler angles.
  return {
    yaw: Math.atan2(R[2]!, R[8]!) * DEG,
    pitch: Math.asin(Math.max(-1, Math.min(1, R[5]!))) * DEG,
    roll: -Math.atan2(R[3]!, R[4]!) * DEG,
  };
}
