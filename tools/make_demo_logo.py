"""Render acs_desktop/resources/logo/demo-logo.svg to the PNG the demo store uses as its association's logo.

python -m tools.make_demo_logo
"""

from __future__ import annotations

import os
from pathlib import Path

LOGO = Path(__file__).resolve().parent.parent / "acs_desktop" / "resources" / "logo"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - painting needs it
    image = QImage(240, 240, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(LOGO / "demo-logo.svg")).render(painter)
    painter.end()
    target = LOGO / "demo-logo.png"
    image.save(str(target))
    print(target)


if __name__ == "__main__":
    main()
