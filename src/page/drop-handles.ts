// Chromium: getAsFileSystemHandle() on a synthetic drop's item resolves with no handle, and
// react-dropzone's file-selector then fails on h.getFile() (upload-patterns §4.6). The gate's
// replayed drops are synthetic, so a missing handle is filled with a stand-in for the item's file.
// Firefox has no getAsFileSystemHandle: nothing to patch.
import { patchMethod } from './disguise';
import { fileHandle } from './file-handle';

type GetHandle = (this: DataTransferItem) => Promise<FileSystemHandle | null>;

export function hookDropHandles(): void {
  if (typeof DataTransferItem === 'undefined') return;
  patchMethod(DataTransferItem.prototype, 'getAsFileSystemHandle', (original: GetHandle) => {
    const { getAsFileSystemHandle } = {
      getAsFileSystemHandle(this: DataTransferItem) {
        // The item is readable only during the drop event: take its file now, synchronously.
        const file = this.kind === 'file' ? this.getAsFile() : null;
        let native: Promise<FileSystemHandle | null>;
        try {
          native = original.call(this);
        } catch {
          native = Promise.resolve(null);
        }
        return native.catch(() => null).then((handle) => handle ?? (file ? fileHandle(file) : null));
      },
    };
    return getAsFileSystemHandle;
  });
}
