"""The commands' data folder: a copy of the demo store, as a laptop's folder holds it."""

import shutil

import pytest


@pytest.fixture
def data_dir(tmp_path, demo_template):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(demo_template, folder / "acs.sqlite")
    return folder
