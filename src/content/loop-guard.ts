// The events and files the gate dispatches itself, so its own replays are never held again (which
// would loop forever). WeakSets: nothing is kept alive for the guard's sake.
const ourEvents = new WeakSet<Event>();
const ourFiles = new WeakSet<File>();

export function ours<E extends Event>(event: E): E {
  ourEvents.add(event);
  return event;
}

export function isOurs(event: Event): boolean {
  return ourEvents.has(event);
}

export function markReleased(files: readonly File[]): void {
  for (const file of files) ourFiles.add(file);
}

/** A selection made only of files we released already (a page re-dispatching our change, or moving our drop into its input). */
export function allReleased(files: readonly File[]): boolean {
  return files.length > 0 && files.every((file) => ourFiles.has(file));
}
