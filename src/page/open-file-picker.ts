// showOpenFilePicker (Chrome; Firefox has none, and pages fall back to a detached input, which
// picker-hooks.ts covers). The picked files are held while the page awaits the promise; the page
// then gets handles for what the gate lets through (stand-ins for processed copies), or the
// AbortError a dismissed picker gives when nothing is delivered.
import { patchMethod } from './disguise';
import { fileHandle } from './file-handle';
import { natives } from './natives';
import { submitted } from './port';

interface PickerOptions {
  types?: Array<{ accept?: Record<string, string | string[]> }>;
}
type OpenPicker = (this: Window, options?: PickerOptions) => Promise<FileSystemFileHandle[]>;

export function hookOpenFilePicker(): void {
  patchMethod(window, 'showOpenFilePicker', (original: OpenPicker) => {
    const { showOpenFilePicker } = {
      async showOpenFilePicker(this: Window, options?: PickerOptions) {
        const handles = await original.call(this, options);
        const files: File[] = [];
        for (let i = 0; i < handles.length; i++) natives.append(files, await natives.handleFile(handles[i]!));
        if (!natives.anyImage(files)) return handles;
        const accept = (options?.types ?? []).flatMap((t) => Object.keys(t.accept ?? {})).join(',');
        const outcomes = await submitted('picker', files, accept);
        const delivered: FileSystemFileHandle[] = [];
        for (let i = 0; i < handles.length; i++) {
          const outcome = outcomes[i];
          if (outcome === 'keep') natives.append(delivered, handles[i]!);
          else if (typeof outcome === 'object') natives.append(delivered, fileHandle(outcome));
        }
        if (delivered.length === 0) throw new DOMException('The user aborted a request.', 'AbortError');
        return delivered;
      },
    };
    return showOpenFilePicker;
  });
}
