// The part of Chrome's offscreen API the background uses (webextension-polyfill does not cover it).
declare namespace chrome.offscreen {
  function createDocument(parameters: {
    url: string;
    reasons: string[];
    justification: string;
  }): Promise<void>;
  function closeDocument(): Promise<void>;
}
declare namespace chrome.runtime {
  function getContexts(filter: {
    contextTypes: string[];
  }): Promise<Array<{ documentUrl?: string; documentId?: string }>>;
}
