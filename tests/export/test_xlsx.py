"""Contract of generator/adapters/xlsx.py: the workbooks it writes are what openpyxl (and so pandas, which
the national validator uses) reads: sheets, typed values, texts never formulas, the same bytes every time."""

import zipfile
from datetime import datetime, timezone

import openpyxl

from generator.adapters import xlsx

MOMENT = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)
ROWS = [["__ignore__", "id", "nom", "latitude", "nombre_semaines"],
        [True, "description", None, None, None],
        [None, "a--1", "=HYPERLINK(\"x\") & <b>\x01", 48.6139, 12],
        [None, "a--2", "Atelier, « vélo »\nsuite", -2.5, None]]


def test_openpyxl_reads_what_is_written(tmp_path):
    path = tmp_path / "classeur.xlsx"
    path.write_bytes(xlsx.write([("Structures", ROWS), ("Services", ROWS[:2])], MOMENT))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Structures", "Services"]
    ws = wb["Structures"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["__ignore__", "id", "nom", "latitude", "nombre_semaines"],
        [True, "description", None, None, None],
        [None, "a--1", "=HYPERLINK(\"x\") & <b>", 48.6139, 12],  # a text, the control character left out
        [None, "a--2", "Atelier, « vélo »\nsuite", -2.5, None],
    ]
    assert ws["C3"].data_type == "s"  # never a formula
    assert ws["A1"].font.b and not ws["A3"].font.b and ws.freeze_panes == "A2"
    assert wb.properties.created == wb.properties.modified == MOMENT.replace(tzinfo=None)
    assert xlsx.read(path)["Services"] == [tuple(ROWS[0]), (True, "description")]


def test_the_same_rows_give_the_same_bytes():
    a = xlsx.write([("S", ROWS)], MOMENT)
    assert a == xlsx.write([("S", iter(ROWS))], MOMENT)
    with zipfile.ZipFile(__import__("io").BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 20, 9, 30, 0)}
