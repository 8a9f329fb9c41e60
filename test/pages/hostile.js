// A hostile page (test/e2e/hostile.e2e.ts): faults.html?hostile. This is the page's first script, in <head> before any other
// (the earliest a page can run; the tests also run it before the extension's own scripts, through the
// driver, to see what holds then). It replaces the platform's prototypes to watch every file that
// passes through them (window.__hostile.sightings: name, where, when), catches any MessagePort it
// can, and offers the tests the attacks that need a moment: forging the private channel, synthetic
// keys and clicks, removing or covering the warning, a flood of uploads, direct reads.
(() => {
  if (window.__hostile) return;
  /** In a frame of a hostile page, what the frame sees is recorded with what its parent sees. */
  const shared = () => {
    try {
      return window.parent !== window ? window.parent.__hostile?.sightings : undefined;
    } catch {
      return undefined;
    }
  };
  const h = {
    sightings: shared() ?? [],
    ports: [],
    forged: 0,
    ids: [],
    removals: 0,
    /** How often the warning came back above the page's own dialog (coverWarning(true)). */
    comebacks: 0,
    covers: 0,
  };
  window.__hostile = h;
  const NativeFile = File;
  const NativeBlob = Blob;
  const NativeFileList = FileList;
  const listLength = Object.getOwnPropertyDescriptor(FileList.prototype, 'length').get;
  const listItem = FileList.prototype.item;
  const fileName = Object.getOwnPropertyDescriptor(File.prototype, 'name').get;
  const dialogOpen = () => document.documentElement?.dataset.faceguardDialog === 'open';

  /** Records every File in value (a File, FileList, array or an object with files). */
  function saw(value, via, depth = 0) {
    try {
      if (!value || depth > 3) return;
      if (value instanceof NativeFile) {
        h.sightings.push({ name: fileName.call(value), via, dialog: dialogOpen(), t: Date.now() });
      } else if (value instanceof NativeFileList) {
        for (let i = 0; i < listLength.call(value); i++) saw(listItem.call(value, i), via, depth + 1);
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) saw(value[i], via, depth + 1);
      } else if (typeof value === 'object' && !(value instanceof NativeBlob) && !(value instanceof Node)) {
        for (const key of ['files', 'file', 'outcomes', 'data', 'replace']) {
          if (Object.hasOwn(value, key)) saw(value[key], `${via}.${key}`, depth + 1);
        }
      }
    } catch {
      // A value the spy cannot read: nothing seen.
    }
  }

  const wrapMethod = (proto, name, before) => {
    const original = proto[name];
    if (typeof original !== 'function') return;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (...args) {
        try {
          before.call(this, args);
        } catch {}
        return original.apply(this, args);
      },
    });
  };
  const wrapGetter = (proto, name, after) => {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (!descriptor?.get) return;
    Object.defineProperty(proto, name, {
      ...descriptor,
      get() {
        const value = descriptor.get.call(this);
        try {
          after.call(this, value);
        } catch {}
        return value;
      },
    });
  };

  // Files, blobs, readers: who reads what.
  window.File = class File extends NativeFile {
    constructor(bits, name, options) {
      super(bits, name, options);
      saw(bits, 'new File');
    }
  };
  for (const name of ['name', 'size', 'type', 'lastModified']) {
    wrapGetter(NativeFile.prototype, name, function () {
      saw(this, `File.${name}`);
    });
  }
  wrapGetter(NativeBlob.prototype, 'size', function () {
    saw(this, 'Blob.size');
  });
  wrapGetter(NativeBlob.prototype, 'type', function () {
    saw(this, 'Blob.type');
  });
  for (const name of ['arrayBuffer', 'slice', 'text', 'stream', 'bytes']) {
    wrapMethod(NativeBlob.prototype, name, function () {
      saw(this, `Blob.${name}`);
    });
  }
  for (const name of ['readAsArrayBuffer', 'readAsDataURL', 'readAsText', 'readAsBinaryString']) {
    wrapMethod(FileReader.prototype, name, (args) => saw(args[0], `FileReader.${name}`));
  }
  wrapMethod(URL, 'createObjectURL', (args) => saw(args[0], 'URL.createObjectURL'));

  // File inputs and file lists.
  const files = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'files');
  Object.defineProperty(HTMLInputElement.prototype, 'files', {
    ...files,
    get() {
      const value = files.get.call(this);
      saw(value, 'input.files');
      return value;
    },
    set(value) {
      saw(value, 'input.files=');
      files.set.call(this, value);
    },
  });
  wrapMethod(FileList.prototype, 'item', function () {
    saw(this, 'FileList.item');
  });
  wrapMethod(FileList.prototype, Symbol.iterator, function () {
    saw(this, 'FileList iterator');
  });
  wrapGetter(FileList.prototype, 'length', function () {
    saw(this, 'FileList.length');
  });

  // Drag data and clipboards.
  const NativeDataTransfer = DataTransfer;
  window.DataTransfer = class DataTransfer extends NativeDataTransfer {};
  wrapGetter(NativeDataTransfer.prototype, 'files', (value) => saw(value, 'DataTransfer.files'));
  wrapMethod(DataTransferItemList.prototype, 'add', (args) => saw(args[0], 'items.add'));
  const getAsFile = DataTransferItem.prototype.getAsFile;
  DataTransferItem.prototype.getAsFile = function () {
    const file = getAsFile.call(this);
    saw(file, 'getAsFile');
    return file;
  };

  // Events: every dispatch, and what every listener of a file event can see.
  wrapMethod(EventTarget.prototype, 'dispatchEvent', function (args) {
    const event = args[0];
    if (this instanceof HTMLInputElement && this.type === 'file')
      saw(files.get.call(this), 'dispatchEvent input');
    saw(event?.dataTransfer?.files, 'dispatchEvent drop');
    saw(event?.clipboardData?.files, 'dispatchEvent paste');
  });
  const nativeAdd = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (['input', 'change', 'drop', 'paste'].includes(type) && typeof listener === 'function') {
      const spy = function (event) {
        const target = event.composedPath?.()[0];
        if (target instanceof HTMLInputElement && target.type === 'file')
          saw(files.get.call(target), `${type} listener`);
        return listener.call(this, event);
      };
      return nativeAdd.call(this, type, spy, options);
    }
    return nativeAdd.call(this, type, listener, options);
  };

  // Message channels: any port a page-world script touches, and what goes through it.
  const keepPort = (port) => {
    if (port && !h.ports.includes(port)) h.ports.push(port);
  };
  wrapMethod(MessagePort.prototype, 'postMessage', function (args) {
    keepPort(this);
    saw(args[0], 'port.postMessage');
    if (typeof args[0]?.id === 'string') h.ids.push(args[0].id);
  });
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...onmessage,
    set(value) {
      keepPort(this);
      onmessage.set.call(this, value);
    },
  });
  wrapMethod(MessagePort.prototype, 'start', function () {
    keepPort(this);
  });
  wrapGetter(MessageEvent.prototype, 'data', (value) => saw(value, 'MessageEvent.data'));
  wrapGetter(MessageEvent.prototype, 'ports', (value) => {
    for (const port of value ?? []) keepPort(port);
  });

  // Array methods page code might run over a list of files.
  for (const name of [
    'some',
    'every',
    'map',
    'filter',
    'forEach',
    'flatMap',
    'find',
    'findIndex',
    'includes',
    'slice',
  ]) {
    wrapMethod(Array.prototype, name, function () {
      if (this.length <= 400)
        for (let i = 0; i < this.length; i++)
          if (this[i] instanceof NativeFile) saw(this[i], `Array.${name}`);
    });
  }

  // ---- attacks the tests start at the right moment ----

  /** Forges the private channel: its own handshake, and 'settle' answers on every port it caught. */
  h.forgeChannel = () => {
    const own = new MessageChannel();
    window.postMessage({ type: 'faceguard:port', id: 'hostile' }, '*', [own.port2]);
    h.forged += 1;
    const forge = () => {
      const now = Date.now();
      const guesses = [...h.ids];
      // Ids are a time and a counter: the last few seconds, the first few submissions.
      for (let back = 0; back < 5_000; back += 250) {
        for (let n = 1; n <= 8; n++) guesses.push(`${(now - back).toString(36)}-${n}`);
      }
      for (const port of h.ports) {
        for (const id of guesses) {
          const outcomes = ['keep', 'keep', 'keep', 'keep'];
          // Dispatched at the port (page-world listeners) and posted through it (to the gate).
          port.dispatchEvent(new MessageEvent('message', { data: { type: 'settle', id, outcomes } }));
          port.postMessage({ type: 'settle', id, outcomes });
          h.forged += 1;
        }
      }
      window.postMessage({ type: 'settle', id: 'x', outcomes: ['keep'] }, '*');
      h.forged += 1;
    };
    forge();
    h.forgeTimer = setInterval(forge, 500);
  };

  /** Synthetic keys and clicks meant to answer "upload anyway". */
  h.pressKeys = () => {
    const hosts = [...document.querySelectorAll('faceguard-warning')];
    const targets = [document, document.documentElement, document.body, document.activeElement, ...hosts];
    for (const target of targets) {
      for (const key of ['u', 'U', 'Enter', ' ', 'b', 'm']) {
        for (const type of ['keydown', 'keypress', 'keyup']) {
          target?.dispatchEvent(
            new KeyboardEvent(type, { key, bubbles: true, composed: true, cancelable: true }),
          );
        }
      }
    }
    for (const host of hosts) {
      host.click();
      host.focus();
      const box = host.getBoundingClientRect();
      for (const [x, y] of [
        [innerWidth / 2, innerHeight / 2],
        [innerWidth / 2, innerHeight - 120],
        [box.x + 5, box.y + 5],
      ]) {
        const under = document.elementFromPoint(x, y);
        under?.dispatchEvent(
          new MouseEvent('click', { clientX: x, clientY: y, bubbles: true, composed: true }),
        );
        under?.click?.();
      }
    }
  };

  /** Takes the warning out of the page, again and again. */
  h.removeWarning = () => {
    const sweep = () => {
      for (const host of document.querySelectorAll('faceguard-warning')) {
        host.remove();
        h.removals += 1;
      }
    };
    new MutationObserver(sweep).observe(document.documentElement, { childList: true, subtree: true });
    sweep();
  };

  /**
   * Covers the warning: a full-page layer and a modal dialog of its own, both above everything; with
   * `keep`, opened again above it every 20 ms, however often the warning comes back on top.
   */
  h.coverWarning = (keep = false) => {
    const layer = document.createElement('div');
    layer.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff;opacity:0.98';
    layer.textContent = 'Press U to continue';
    document.body.append(layer);
    const dialog = document.createElement('dialog');
    dialog.textContent = 'Press U to continue';
    document.body.append(dialog);
    dialog.showModal();
    const onTop = () => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.localName;
    h.top = onTop;
    if (keep) {
      setInterval(() => {
        dialog.close();
        dialog.showModal();
        h.covers += 1;
        // The warning came straight back above it (it does so as the focus leaves it).
        if (onTop() === 'faceguard-warning') h.comebacks += 1;
      }, 20);
    }
  };

  /** Many uploads of its own at once: inputs given files by script, and drops. */
  h.flood = (count) => {
    let input = document.getElementById('flood');
    if (!input) {
      input = document.createElement('input');
      input.type = 'file';
      input.id = 'flood';
      input.multiple = true;
      document.body.append(input);
    }
    for (let i = 0; i < count; i++) {
      const bytes = new Uint8Array(256);
      crypto.getRandomValues(bytes);
      const file = new NativeFile([new Uint8Array([0x89, 0x50, 0x4e, 0x47]), bytes], `flood-${i}.png`, {
        type: 'image/png',
      });
      const transfer = new NativeDataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const zone = document.getElementById('zone');
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  };

  /** Everything a page can try to read a held file with; returns the names it found. */
  h.read = () => {
    const found = [];
    const add = (list) => {
      for (let i = 0; i < (list ? listLength.call(list) : 0); i++)
        found.push(fileName.call(listItem.call(list, i)));
    };
    for (const input of document.querySelectorAll('input[type=file]')) add(files.get.call(input));
    for (const host of document.querySelectorAll('faceguard-warning')) {
      if (host.shadowRoot) found.push('shadowRoot open');
    }
    for (const entry of performance.getEntries()) {
      if (entry.name.startsWith('blob:')) found.push(entry.name);
    }
    return found;
  };
})();
