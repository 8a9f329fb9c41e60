// Frames: every frame runs its own gate, but a dialog needs room. A frame too small to hold it (an
// embedded uploader, a comment box) relays the question through the background to the top frame
// (frameId 0), which shows it with its own warning UI and sends the decisions back the same way.
// The background only forwards: nothing waits in it while the person decides, so the question
// survives the service worker or event page being stopped. When the asking frame's upload goes
// away (its page is unloading: the frame removed or navigated), the top frame closes the question.
import browser from 'webextension-polyfill';
import { type FrameAnswer, isRequest, type RequestMap } from '../core/protocol';
import { send } from '../platform/messaging';
import type { HeldImage, WarningUi } from './decision';
import { fromPayload, toPayload } from './payload';

/** Below this the dialog would be cut off. */
const MIN_WIDTH = 420;
const MIN_HEIGHT = 320;
const NO_ANSWER: FrameAnswer = { decisions: [], disableSite: false };

type FrameAsk = RequestMap['frame-ask']['request'];

const tooSmall = () => window !== window.top && (innerWidth < MIN_WIDTH || innerHeight < MIN_HEIGHT);
/** From the background, relaying for another frame (a message from a tab would carry sender.tab). */
const relayed = (sender: browser.Runtime.MessageSender) => !sender.tab;

/** In a frame: questions relayed to the top frame, waiting for their answer. */
const waiting = new Map<string, (answer: FrameAnswer) => void>();

/** The UI this frame should use: its own, or a relay to the top frame when it is too small. */
export function uiForFrame(local: () => WarningUi): () => WarningUi {
  if (window !== window.top) {
    browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
      if (!isRequest(message) || message.type !== 'frame-answer' || !relayed(sender)) return undefined;
      const { askId, answer } = message.data as RequestMap['frame-answer']['request'];
      waiting.get(askId)?.(answer);
      return undefined;
    });
  }
  const relay =
    (how: FrameAsk['how']): WarningUi['ask'] =>
    async (images, context, signal) => {
      if (!tooSmall()) return local()[how](images, context, signal);
      const payloads = await Promise.all(
        images.map(async (h) => ({ id: h.id, image: await toPayload(h.file), verdict: h.verdict })),
      );
      const askId = crypto.randomUUID();
      const answered = new Promise<FrameAnswer>((resolve) => waiting.set(askId, resolve));
      const gone = () => {
        void send('frame-ask-cancel', { askId }).catch(() => undefined);
        waiting.get(askId)?.(NO_ANSWER);
      };
      try {
        await send('frame-ask', { askId, how, images: payloads, context });
      } catch {
        // No top frame content script (an unprotected parent page): ask here, cramped but answered.
        waiting.delete(askId);
        return local()[how](images, context, signal);
      }
      if (signal?.aborted) gone();
      signal?.addEventListener('abort', gone);
      try {
        return await answered;
      } finally {
        waiting.delete(askId);
        signal?.removeEventListener('abort', gone);
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
  const open = new Map<string, AbortController>();
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (!isRequest(message) || !relayed(sender)) return undefined;
    if (message.type === 'frame-ask-cancel') {
      open.get((message.data as RequestMap['frame-ask-cancel']['request']).askId)?.abort();
      return undefined;
    }
    if (message.type !== 'frame-ask') return undefined;
    const { askId, how, images, context, frameId } = message.data as FrameAsk;
    if (frameId === undefined) return undefined;
    const held: HeldImage[] = images.map((i) => ({
      id: i.id,
      file: fromPayload(i.image),
      verdict: i.verdict,
    }));
    const questions = new AbortController();
    open.set(askId, questions);
    void local()
      [how](held, context, questions.signal)
      .catch(() => NO_ANSWER)
      .then((answer) => {
        open.delete(askId);
        if (questions.signal.aborted) return;
        return send('frame-answer', { frameId, askId, answer });
      })
      .catch(() => undefined);
    // Shown (or queued behind an earlier question): the asking frame now waits for 'frame-answer'.
    return Promise.resolve(null);
  });
}
