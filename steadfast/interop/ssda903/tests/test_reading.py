"""Reading a folder of SSDA903 files: tables recognised by their columns, every encoding the case
systems write, and every file that cannot be read refused with a plain reason, taking the whole
collection with it."""

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import reading

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
A_CHILD = "1,F,01/02/2015,WBRI,A123456789012,0,"
AN_EPISODE = "1,01/04/2025,S,C2,N1,U4,PR1,,,,AB1 2CD,EF3 4GH,"


def _write(folder, name, text, encoding="utf-8"):
    (folder / name).write_bytes(text.encode(encoding))


def _messages(collection):
    return [problem.message for problem in collection.problems]


def test_tables_are_recognised_by_their_columns_in_any_order_and_case(tmp_path):
    _write(tmp_path, "a.csv", "dob,child,sex,ethnic,upn,mother,mc_dob\n01/02/2015,1,f,wbri,,,\n")
    _write(tmp_path, "b.csv", f"{EPISODES}\n{AN_EPISODE}\n")

    collection = reading.read_collection(tmp_path, year=2026)

    assert collection.readable
    assert collection.files == {"Header": "a.csv", "Episodes": "b.csv"}
    header = collection.tables["Header"]
    assert (header["CHILD"][0], header["SEX"][0], header["ETHNIC"][0]) == ("1", "F", "WBRI")
    assert str(header["DOB:date"][0]) == "2015-02-01"
    assert header["ROW"].to_list() == [0]


def test_blank_cells_are_missing_and_dates_that_do_not_exist_are_missing_as_dates(tmp_path):
    _write(
        tmp_path,
        "h.csv",
        f"{HEADER}\n1,F,31/02/2015,WBRI, ,,\n2,M,1/2/2015,WBRI,,,\n3,M,2015-02-01,WBRI,,,\n",
    )

    header = reading.read_collection(tmp_path, year=2026).tables["Header"]

    assert header["UPN"].to_list() == [None, None, None]
    assert header["DOB"].to_list() == ["31/02/2015", "1/2/2015", "2015-02-01"]
    assert [str(d) if d else None for d in header["DOB:date"].to_list()] == [None, "2015-02-01", None]


def test_utf16_and_windows_1252_files_are_read(tmp_path):
    _write(tmp_path, "h.csv", f"{HEADER}\n1,F,01/02/2015,WBRI,,,\n", encoding="utf-16")
    _write(
        tmp_path, "e.csv", f"{EPISODES}\n1,01/04/2025,S,C2,N1,U4,PR1,,,,Caf\u00e9 1AB,EF3 4GH,\n", "cp1252"
    )

    collection = reading.read_collection(tmp_path, year=2026)

    assert collection.readable, _messages(collection)
    assert collection.tables["Header"]["CHILD"].to_list() == ["1"]
    assert collection.tables["Episodes"]["HOME_POST"].to_list() == ["CAF\u00c9 1AB"]


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "h.csv").write_bytes(codecs.BOM_UTF8 + f"{HEADER}\n1,F,01/02/2015,WBRI,,,\n".encode())

    collection = reading.read_collection(tmp_path, year=2026)

    assert collection.readable and collection.tables["Header"]["CHILD"].to_list() == ["1"]


def test_an_empty_file_refuses_the_whole_collection(tmp_path):
    _write(tmp_path, "h.csv", f"{HEADER}\n{A_CHILD}\n")
    _write(tmp_path, "e.csv", "")

    collection = reading.read_collection(tmp_path, year=2026)

    assert not collection.readable and collection.tables == {}
    assert _messages(collection) == [reading.ERROR_EMPTY.format(file="e.csv")]


def test_missing_and_extra_columns_are_named(tmp_path):
    _write(tmp_path, "e.csv", EPISODES.replace(",URN", ",COLOUR") + "\n")

    [message] = _messages(reading.read_collection(tmp_path, year=2026))

    assert message.startswith("e.csv does not match any SSDA903 table for 2025/26. It is nearest to Episodes")
    assert "but has no URN" in message and "and has COLOUR, which it should not" in message


def test_another_years_layout_is_refused_as_such(tmp_path):
    _write(tmp_path, "dolo.csv", "CHILD,DOB,DOLO_START,DOLO_END\n1,01/02/2015,01/05/2025,\n")

    [message] = _messages(reading.read_collection(tmp_path, year=2026))

    assert message == reading.ERROR_OTHER_YEAR.format(file="dolo.csv", table="DoLo", year_label="2025/26")


def test_the_same_table_twice_is_refused(tmp_path):
    _write(tmp_path, "a.csv", f"{HEADER}\n{A_CHILD}\n")
    _write(tmp_path, "b.csv", f"{HEADER}\n{A_CHILD}\n")

    assert _messages(reading.read_collection(tmp_path, year=2026)) == [
        reading.ERROR_TWO_FILES.format(file="b.csv", other="a.csv", table="Header")
    ]


def test_a_column_twice_and_a_ragged_row_are_refused(tmp_path):
    _write(tmp_path, "h.csv", f"{HEADER},CHILD\n")
    _write(tmp_path, "e.csv", f"{EPISODES}\n{AN_EPISODE},extra,fields\n")

    messages = _messages(reading.read_collection(tmp_path, year=2026))

    assert messages[0].startswith("e.csv could not be read as CSV")
    assert messages[1] == reading.ERROR_DUPLICATE_COLUMN.format(file="h.csv", column="CHILD")


def test_a_folder_without_csv_files_says_so(tmp_path):
    (tmp_path / "notes.txt").write_text("not a return")

    assert _messages(reading.read_collection(tmp_path, year=2026)) == [reading.ERROR_NO_FILES]


def test_the_previous_years_files_are_read_as_last_years_tables(tmp_path):
    _write(tmp_path, "h.csv", f"{HEADER}\n{A_CHILD}\n")
    (tmp_path / "previous").mkdir()
    _write(tmp_path / "previous", "h.csv", f"{HEADER}\n{A_CHILD}\n")

    collection = reading.read_collection(tmp_path, year=2026)

    assert collection.files == {"Header": "h.csv", "Header_last": "previous/h.csv"}


def test_a_large_file_is_read_in_pieces(tmp_path):
    rows = 200_000  # about 13 MB: more than ten of the reader's one-megabyte pieces
    body = "".join(f"{n},F,01/02/2015,WBRI,,,\n" for n in range(rows))
    _write(tmp_path, "h.csv", f"{HEADER}\n{body}", encoding="cp1252")

    collection = reading.read_collection(tmp_path, year=2026)

    assert collection.readable and len(collection.tables["Header"]) == rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_are_read_or_refused_plainly(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("any")
    (folder / "h.csv").write_bytes(f"{HEADER}\n".encode() + content)

    collection = reading.read_collection(folder, year=2026)

    if collection.readable:
        assert set(collection.tables) == {"Header"}
    else:
        assert collection.tables == {} and all(p.file == "h.csv" for p in collection.problems)
