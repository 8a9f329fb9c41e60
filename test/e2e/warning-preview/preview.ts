// The preview page's script: shows the warning UI with sample verdicts, chosen by URL parameters.
//   ?scenario=single|many|twelve|notice|notice-meta|document|toast|progress|idnumber   &lang=en|zh_CN|zh_TW
//   &style=fill|blur   &open=1 (open shadow root, for axe)   &seconds=N (notice countdown)
// Face photos come from ../shared/testdata/faces through the preview server at test time (never
// committed); without them a drawn stand-in is used.
import type { AskContext, HeldImage, Progress } from '../../../src/content/decision';
import { createWarningUi } from '../../../src/content/warning/index';
import {
  type Box,
  type FaceMeasures,
  NO_METADATA,
  type PhotoMetadata,
  type Verdict,
} from '../../../src/core/verdict';
import { currentLanguage } from './platform-stub';

declare global {
  interface Window {
    __fgRoot?: ShadowRoot;
    __fgResult?: unknown;
    __fgReady?: boolean;
    __fgRun?: (scenario: string) => void;
    __fgProgress?: Progress;
    __fgProgressLines?: number;
  }
}

const params = new URLSearchParams(location.search);

function face([x, y, width, height]: [number, number, number, number]): FaceMeasures {
  const box: Box = { x, y, width, height };
  return {
    box,
    score: 0.98,
    faceWidth: width,
    eyeDistance: width * 0.4,
    pose: { yaw: 3, pitch: 2, roll: 1 },
    eyesOpen: 0.9,
    sharpness: 0.8,
    exposure: { mean: 0.5, clipped: 0.01 },
    occlusion: 0,
    realness: 0.95,
    photo: 0.95,
    partsInside: 1,
    landmarks: [],
  };
}

function verdict(
  risk: Verdict['risk'],
  size: [number, number],
  faces: Array<[number, number, number, number]>,
  reasons: Verdict['reasons'],
  metadata: Partial<PhotoMetadata> = {},
): Verdict {
  return {
    risk,
    reasons,
    faces: faces.map(face),
    metadata: { ...NO_METADATA, ...metadata },
    width: size[0],
    height: size[1],
    timings: {},
  };
}

/** A drawn stand-in photo (used when the test face photos are not there): a face-like oval. */
async function drawn(name: string, width: number, height: number, faces: Box[]): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const sky = g.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#8ec5e8');
  sky.addColorStop(1, '#3b7a57');
  g.fillStyle = sky;
  g.fillRect(0, 0, width, height);
  for (const f of faces) {
    g.fillStyle = '#e8b894';
    g.beginPath();
    g.ellipse(f.x + f.width / 2, f.y + f.height / 2, f.width * 0.42, f.height * 0.5, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#222';
    for (const dx of [0.33, 0.67]) g.fillRect(f.x + f.width * dx - 6, f.y + f.height * 0.4, 12, 8);
  }
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

async function photo(file: string, size: [number, number], faces: Array<[number, number, number, number]>) {
  try {
    const response = await fetch(`/faces/${file}`);
    if (!response.ok) throw new Error(String(response.status));
    const blob = await response.blob();
    return new File([blob], file.replace(/^dev_/, 'IMG_2024_'), { type: blob.type });
  } catch {
    return drawn(
      file,
      size[0],
      size[1],
      faces.map(([x, y, width, height]) => ({ x, y, width, height })),
    );
  }
}

/** A drawn fictitious identity card (no real document, no real person): a pale security-print card, a
 * face-like portrait on the right, label and value lines, and a number row along the bottom. */
async function drawnCard(name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 856;
  canvas.height = 540;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#eef3f6';
  g.fillRect(0, 0, 856, 540);
  g.strokeStyle = '#c9dbe6';
  for (let y = 0; y < 540; y += 9) {
    g.beginPath();
    for (let x = 0; x <= 856; x += 12) g.lineTo(x, y + 6 * Math.sin(x / 40 + y / 30));
    g.stroke();
  }
  g.fillStyle = '#dfe7ec';
  g.fillRect(560, 60, 240, 300);
  g.fillStyle = '#e8b894';
  g.beginPath();
  g.ellipse(680, 190, 70, 90, 0, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#222';
  g.fillRect(648, 170, 18, 10);
  g.fillRect(694, 170, 18, 10);
  for (let i = 0; i < 5; i++) {
    g.fillStyle = '#3a8bc2';
    g.fillRect(60, 80 + i * 56, 60, 16);
    g.fillStyle = '#333';
    g.fillRect(150, 78 + i * 56, 120 + ((i * 97) % 180), 20);
  }
  g.fillStyle = '#111';
  for (let i = 0; i < 18; i++) g.fillRect(300 + i * 26, 446, 16, 28);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

const GUANGZHOU = { gps: { latitude: 23.1291, longitude: 113.2644 } };
const IPHONE = { make: 'Apple', model: 'iPhone 13 Pro Max', takenAt: '2024:05:01 10:12:41' };

async function held(
  id: string,
  file: string,
  size: [number, number],
  faces: Array<[number, number, number, number]>,
  risk: Verdict['risk'],
  reasons: Verdict['reasons'],
  metadata: Partial<PhotoMetadata> = {},
): Promise<HeldImage> {
  return { id, file: await photo(file, size, faces), verdict: verdict(risk, size, faces, reasons, metadata) };
}

export async function sampleImages(scenario: string): Promise<HeldImage[]> {
  switch (scenario) {
    case 'single':
      return [
        await held(
          'a',
          'dev_032.jpg',
          [600, 800],
          [[166, 132, 263, 263]],
          'high',
          [{ key: 'reason_face_clear_frontal', values: ['263'] }],
          { ...GUANGZHOU, ...IPHONE },
        ),
      ];
    case 'many':
      return [
        await held(
          'a',
          'dev_062.png',
          [1204, 645],
          [
            [146, 42, 157, 157],
            [617, 87, 157, 157],
            [400, 93, 152, 152],
            [858, 107, 144, 144],
          ],
          'high',
          [
            { key: 'reason_face_clear_frontal', values: ['157'] },
            { key: 'reason_several_faces', values: ['4'] },
          ],
        ),
        await held(
          'b',
          'dev_040.jpg',
          [660, 440],
          [[227, 92, 220, 220]],
          'high',
          [{ key: 'reason_face_clear_frontal', values: ['220'] }],
          { make: 'Xiaomi', model: '13 Ultra' },
        ),
        await held(
          'c',
          'dev_098.jpg',
          [800, 533],
          [[331, 85, 172, 172]],
          'medium',
          [{ key: 'reason_face_turned', values: ['28'] }],
          GUANGZHOU,
        ),
      ];
    case 'twelve': {
      // More than the dialog builds at once (the rest follow a few per task).
      const three = await sampleImages('many');
      return Array.from({ length: 12 }, (_, i) => ({ ...three[i % 3]!, id: `p${i + 1}` }));
    }
    case 'notice':
      return [
        await held(
          'a',
          'dev_098.jpg',
          [800, 533],
          [[331, 85, 172, 172]],
          'medium',
          [{ key: 'reason_face_turned', values: ['28'] }],
          IPHONE,
        ),
      ];
    case 'document': {
      const v = verdict('high', [856, 540], [[610, 100, 140, 180]], [{ key: 'reason_document_id_card' }]);
      v.document = {
        kind: 'id-card',
        box: { x: 40, y: 40, width: 790, height: 460 },
        portrait: { x: 560, y: 60, width: 240, height: 300 },
        lines: [{ x: 300, y: 446, width: 458, height: 28 }],
        cover: [
          { x: 560, y: 60, width: 240, height: 300 },
          { x: 290, y: 436, width: 478, height: 48 },
        ],
        score: 0.97,
      };
      return [{ id: 'a', file: await drawnCard('IMG_2024_0611.png'), verdict: v }];
    }
    case 'notice-meta':
      return [
        {
          id: 'a',
          file: await drawn('IMG_0815.png', 640, 420, []),
          verdict: verdict('none', [640, 420], [], [{ key: 'reason_no_face' }], { ...GUANGZHOU, ...IPHONE }),
        },
      ];
    default:
      return [];
  }
}

function fillFeed(): void {
  const feed = document.getElementById('feed')!;
  // Stands for the site's "add photo" button: focus must come back here when the dialog closes.
  const composer = document.createElement('button');
  composer.id = 'composer';
  composer.textContent = 'Add photo';
  feed.append(composer);
  composer.focus();
  for (let i = 1; i <= 30; i++) {
    const post = document.createElement('p');
    post.className = 'post';
    post.textContent = `Post ${i}: the page behind the warning keeps scrolling while the person decides.`;
    feed.append(post);
  }
}

const context: AskContext = { siteKey: 'demo', siteLabel: 'Hostile Social' };

async function run(scenario: string): Promise<void> {
  const language = await currentLanguage();
  const ui = createWarningUi({
    testHandle: (root) => {
      window.__fgRoot = root;
      // Every progress line ever shown, even one already gone.
      window.__fgProgressLines = 0;
      new MutationObserver((records) => {
        for (const r of records) {
          for (const node of r.addedNodes) {
            if ((node as HTMLElement).dataset?.faceguard === 'progress') window.__fgProgressLines! += 1;
          }
        }
      }).observe(root, { childList: true, subtree: true });
    },
    openShadowRoot: params.get('open') === '1',
    language,
    noticeSeconds: Number(params.get('seconds') ?? 8),
  });
  window.__fgResult = undefined;
  if (scenario === 'toast') {
    ui.toast('warn_toast_unchecked');
    window.__fgReady = true;
    return;
  }
  if (scenario === 'idnumber') {
    // The ID-number notice beside a composer holding two made-up numbers (as they would read masked).
    const field = document.createElement('textarea');
    field.id = 'post';
    field.setAttribute('aria-label', 'New post');
    field.value = 'ID 110105 19900101 0029, HKID A123456(3)';
    document.getElementById('feed')!.prepend(field);
    ui.idNumbers(
      field,
      { kinds: ['cn', 'hk'], masked: ['110105 ******** 0029', 'A123***(*)'] },
      {
        mask: async () => {
          window.__fgResult = 'mask';
          return true;
        },
        leave: () => {
          window.__fgResult = 'leave';
        },
        quiet: () => {
          window.__fgResult = 'quiet';
        },
      },
    );
    window.__fgReady = true;
    return;
  }
  if (scenario === 'progress') {
    // A check over within the first second never shows its line.
    const quick = ui.progress(3);
    setTimeout(() => {
      quick.update(3);
      quick.close();
    }, 500);
    window.__fgProgress = ui.progress(12);
    window.__fgProgress.update(5);
    window.__fgReady = true;
    return;
  }
  const images = await sampleImages(scenario);
  const pending = scenario.startsWith('notice') ? ui.notice(images, context) : ui.ask(images, context);
  window.__fgReady = true;
  window.__fgResult = await pending;
}

fillFeed();
window.__fgRun = (scenario) => void run(scenario);
const scenario = params.get('scenario');
if (scenario) void run(scenario);
