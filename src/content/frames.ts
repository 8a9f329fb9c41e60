// Frames: every frame runs its own gate, but a dialog needs room. A frame too small to hold it (an
// embedded uploader, a comment box) relays the question through the background to the top frame
// (frameId 0), which shows it with its own warning UI and answers with the decisions.
import browser from 'webextension-polyfill';
import { isRequest, type RequestMap } from '../core/protocol';
import { send } from '../platform/messaging';
import type { HeldImage, WarningUi } from './decision';
import { fromPayload, toPayload } from './payload';

/** Below this the dialog would be cut off. */
const MIN_WIDTH = 420;
const MIN_HEIGHT = 320;

type FrameAsk = RequestMap['frame-ask']['request'];

const tooSmall = () => window !== window.top && (innerWidth < MIN_WIDTH || innerHeight < MIN_HEIGHT);

/** The UI this frame should use: its own, or a relay to the top frame when it is too small. */
export function uiForFrame(local: () => WarningUi): () => WarningUi {
  const relay =
    (how: FrameAsk['how']): WarningUi['ask'] =>
    async (images, context) => {
      if (!tooSmall()) return local()[how](images, context);
      const payloads = await Promise.all(
        images.map(async (h) => ({ id: h.id, image: await toPayload(h.file), verdict: h.verdict })),
      );
      try {
        return await send('frame-ask', { how, images: payloads, context });
      } catch {
        // No top frame content script (an unprotected parent page): ask here, cramped but answered.
        return local()[how](images, context);
      }
    };
  const proxy: WarningUi = {
    ask: relay('ask'),
    notice: relay('notice'),
    toast: (key, values) => local().toast(key, values),
    progress: (total) => local().progress(total),
  };
  return () => proxy;
}

/** In the top frame: answer questions relayed from small frames of this tab. */
export function answerFrameAsks(local: () => WarningUi): void {
  if (window !== window.top) return;
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    // Only the background relays (a message from a tab would carry sender.tab).
    if (!isRequest(message) || message.type !== 'frame-ask' || sender.tab) return undefined;
    const { how, images, context } = message.data as FrameAsk;
    const held: HeldImage[] = images.map((i) => ({
      id: i.id,
      file: fromPayload(i.image),
      verdict: i.verdict,
    }));
    return local()[how](held, context);
  });
}
