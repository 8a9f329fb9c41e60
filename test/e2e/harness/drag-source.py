# A tiny GTK window that offers the files named on the command line as a drag source (text/uri-list),
# so an e2e test can drag real files and folders into a browser window over X11's own drag-and-drop.
#   python3 drag-source.py X Y PATH...   (prints "ready" once the window is on screen)
import sys
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import GLib, Gdk, Gtk  # noqa: E402

x, y = int(sys.argv[1]), int(sys.argv[2])
uris = [Path(p).resolve().as_uri() for p in sys.argv[3:]]

window = Gtk.Window(title="faceguard-test-drag-source")
window.set_default_size(160, 120)
window.move(x, y)
handle = Gtk.EventBox()
handle.add(Gtk.Label(label="drag"))
handle.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
handle.drag_source_add_uri_targets()
handle.connect("drag-data-get", lambda _w, _ctx, data, _info, _t: data.set_uris(uris))
# Done once the drop is over; never outlive a stuck test.
handle.connect("drag-end", lambda *_: GLib.timeout_add(200, Gtk.main_quit))
GLib.timeout_add(30_000, Gtk.main_quit)
window.add(handle)
window.connect("map-event", lambda *_: print("ready", flush=True))
window.show_all()
Gtk.main()
