"""Save a PNG of « À faire » and of each tab, filled with the demo, off screen:
`python -m tools.screenshots DIR`.

It lives outside the package because it opens a store and a window together, which the layers
of the application keep apart.

The images in docs/screenshots/ (shown in the README) are made with this command.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

TODO_FILE = "0-a-faire.png"  # the page the window opens on, before the tabs
FILES = (TODO_FILE, "1-conventions.png", "2-offres.png", "3-relais.png", "4-invitations.png", "5-bilan.png")
SIZE = (1366, 768)  # a small laptop screen: what the window must fit


def save_screenshots(out_dir: Path, now: datetime | None = None) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from acs_desktop.db.store import open_store
    from acs_desktop.services import Services
    from acs_desktop.services.demo import load_demo
    from acs_desktop.ui.app import make_application, window_settings
    from acs_desktop.ui.main_window import MainWindow

    moment = now or datetime.now().replace(microsecond=0, second=0)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory(prefix="acs-shots-") as tmp:
        store = open_store(Path(tmp) / "acs.sqlite")
        try:
            load_demo(store, moment)
            services = Services(store, lambda: moment)
            window = MainWindow(services, window_settings(Path(tmp)), store.path)
            window.resize(*SIZE)
            window.show()
            app.processEvents()
            window.grab().save(str(out_dir / TODO_FILE))  # the window opens on « À faire »
            saved = [out_dir / TODO_FILE]
            for index, name in enumerate(FILES[1:]):
                window.show_tab(index)
                page = window.tab_pages[index]
                while getattr(page, "loading", False):  # the review is computed in the background
                    app.processEvents()
                view = getattr(page, "view", None)
                if view is not None and view.model.rowCount():
                    view.table.selectRow(min(2, view.model.rowCount() - 1))
                app.processEvents()
                path = out_dir / name
                window.grab().save(str(path))
                saved.append(path)
            window.close()
        finally:
            store.close()
    return saved


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for path in save_screenshots(target):
        print(path)
