from datetime import datetime

from PySide6.QtGui import QImage

from tools.screenshots import FILES, SIZE, save_screenshots


def test_a_png_of_each_tab_filled_with_the_demo(qtbot, tmp_path):
    saved = save_screenshots(tmp_path, datetime(2026, 11, 22, 10, 0))
    assert [p.name for p in saved] == list(FILES)
    for path in saved:
        image = QImage(str(path))
        assert (image.width(), image.height()) == SIZE
        assert path.stat().st_size > 20_000  # a filled window, not a blank one
