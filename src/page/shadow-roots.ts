// Every shadow root, open or closed, gets the same hold listeners as window: `change` never leaves a
// root, and a closed root hides the input even from composedPath() (upload-patterns §1.1, probe §2).
import { patchMethod } from './disguise';
import { watch } from './file-inputs';

export function hookShadowRoots(): void {
  patchMethod(
    Element.prototype,
    'attachShadow',
    (original: (this: Element, init: ShadowRootInit) => ShadowRoot) => {
      const { attachShadow } = {
        attachShadow(this: Element, init: ShadowRootInit) {
          const root = original.call(this, init);
          watch(root);
          return root;
        },
      };
      return attachShadow;
    },
  );
}
