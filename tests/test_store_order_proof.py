"""A history the store loaded carries the proof of its order (`StoreOrdered`), noted while its month files
are decoded: the checks that trust it decide exactly what the plain walks below decide (the checks as
first written), on random month files: shuffled lines, events at one second out of id order, repeated
ids, events outside their month. Any other history is still checked, as before."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from builders import ev
from entraide.events import decoding, order
from entraide.events import store as events
from entraide.events.dates import as_of_date, up_to
from entraide.events.order import StoreOrdered

JANUARY = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FEBRUARY = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
ALICE = (101, "alice")


def plain_in_order(history) -> bool:
    pairs = [(event.at, event.id) for event in history]
    return all(a <= b for a, b in zip(pairs, pairs[1:]))


def plain_in_store_order(history) -> bool:
    return plain_in_order(history) and len({event.id for event in history}) == len(history)


def plain_sorted(month) -> bool:
    pairs = [(event.at, event.id) for event in month]
    return all(a < b for a, b in zip(pairs, pairs[1:]))


def random_month(rng: random.Random, count: int) -> list:
    """Events of January in store order, some at the same second; then, at random, spoilt as a hand may."""
    at, stored = JANUARY, []
    for number in range(count):
        at += dt.timedelta(seconds=rng.choice((0, 0, 1, 60, 3600)))
        stored.append(ev("issue_closed", at.isoformat(), ALICE, number, id=f"t:{rng.randint(0, 10**6):07d}"))
    stored = sorted({event.id: event for event in stored}.values(), key=events.sort_key)
    spoil = rng.random()
    if spoil < 0.2 and len(stored) > 1:
        rng.shuffle(stored)
    elif spoil < 0.4 and stored:
        stored.insert(rng.randrange(len(stored)), rng.choice(stored))  # an id twice
    elif spoil < 0.5 and stored:
        twin = rng.choice(stored)  # the same second, its id before the previous one's
        stored.append(twin.model_copy(update={"id": "t:0", "at": stored[-1].at}))
    elif spoil < 0.6:
        stored.append(ev("issue_closed", "2026-02-01T00:00", ALICE, 1, id="t:late"))  # after the month
    return stored


@pytest.mark.parametrize("seed", range(60))
def test_the_order_noted_while_decoding_is_the_order_a_plain_walk_finds(monkeypatch, seed):
    rng = random.Random(seed)
    monkeypatch.setattr(decoding, "_PIECE", rng.choice((1, 300, 1 << 20)))  # the order noted across pieces
    month = random_month(rng, rng.choice((0, 1, 2, 5, 40, 300)))
    text = "".join(f"{events._line(event)}\n" for event in month).encode()
    ids = {"t:elsewhere"}
    decoded = decoding.decode_lines(text, decoding.Interner(), ids)
    assert decoded is not None and [event.to_event() for event in decoded.events] == month
    assert decoded.ordered is plain_sorted(month) and ids == {"t:elsewhere"} | {event.id for event in month}


def write_store(folder, rng: random.Random, months: int) -> None:
    """Month files of random events, some spoilt as a hand may: shuffled, an id twice, an id of another month,
    a line end of another system (read as `Event`)."""
    folder.mkdir()
    written: list[str] = []
    for number in range(1, months + 1):
        shift = dt.timedelta(days=31 * (number - 1))
        stored = [
            event.model_copy(update={"at": event.at + shift})
            for event in random_month(rng, rng.choice((0, 3, 50)))
            if event.at < FEBRUARY
        ]
        if written and stored and rng.random() < 0.3:  # an id stored in an earlier month too
            index = rng.randrange(len(stored))  # in its place: the file may still be sorted
            stored[index] = stored[index].model_copy(update={"id": rng.choice(written + [stored[0].id])})
        written += [event.id for event in stored]
        end = "\r\n" if rng.random() < 0.1 else "\n"
        lines = "".join(f"{events._line(event)}{end}" for event in stored)
        (folder / f"{stored[0].at:%Y-%m}.jsonl" if stored else folder / f"2026-{number:02d}.jsonl").write_text(lines)


@pytest.mark.parametrize("seed", range(80))
def test_a_loaded_store_is_the_validated_one_and_proven_in_store_order(tmp_path, seed):
    write_store(tmp_path / "events", random.Random(seed), months=5)
    loaded = events.load(tmp_path)
    assert isinstance(loaded, StoreOrdered) and plain_in_store_order(loaded)
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))


@pytest.mark.parametrize("seed", range(40))
def test_a_history_not_loaded_by_the_store_is_checked_as_before(seed):
    rng = random.Random(seed)
    history = tuple(random_month(rng, rng.choice((0, 1, 2, 30))))
    assert order.in_store_order(history) is plain_in_store_order(history)
    assert order.in_order(history) is plain_in_order(history)
    assert order.in_store_order(list(history)) is plain_in_store_order(history)


def test_the_proof_is_trusted_without_a_pass_and_lost_by_a_copy():
    late, early = ev("issue_closed", "2026-01-09T10:00", ALICE, 1), ev("issue_closed", "2026-01-02T10:00", ALICE, 2)
    proven = StoreOrdered((late, early))  # only the store builds one: here, to show it is not checked again
    assert order.in_store_order(proven) and order.in_order(proven)
    assert not order.in_store_order(tuple(proven)) and not order.in_store_order(proven[:])
    assert proven == (late, early) and repr(proven) == repr((late, early))


def test_a_cut_keeps_the_proof_and_a_plain_tuple_stays_plain(tmp_path):
    stored = [ev("issue_closed", f"2026-01-{day:02d}T10:00", ALICE, day) for day in range(1, 11)]
    events.append(tmp_path, stored)
    loaded = events.load(tmp_path)
    plain = tuple(loaded)
    for day in (1, 5, 11, 40):
        limit = JANUARY + dt.timedelta(days=day)
        cut, plain_cut = up_to(loaded, limit), up_to(plain, limit)
        assert cut == plain_cut == tuple(event for event in plain if event.at < limit)
        assert isinstance(cut, StoreOrdered) and type(plain_cut) is tuple
    assert up_to(loaded, FEBRUARY) is loaded and up_to(plain, FEBRUARY) is plain
    assert up_to(loaded, JANUARY) == () and isinstance(up_to(loaded, JANUARY), StoreOrdered)


def test_the_day_the_data_stops_is_the_last_loaded_event_s(tmp_path):
    from entraide.content.loader import load_community

    community = load_community(Path(__file__).resolve().parents[1])
    stored = [ev("issue_closed", f"2026-01-{day:02d}T23:30", ALICE, day) for day in (3, 9, 5)]
    events.append(tmp_path, stored)
    loaded = events.load(tmp_path)
    assert as_of_date(community, loaded) == as_of_date(community, tuple(loaded)) == dt.date(2026, 1, 9)
    assert as_of_date(community, StoreOrdered()) == as_of_date(community, ())


def test_after_a_file_edited_by_hand_a_sorted_file_with_an_id_twice_still_loads_it_once(tmp_path):
    january = [ev("issue_closed", f"2026-01-0{day}T10:00", ALICE, day) for day in (1, 2)]
    february = [ev("issue_closed", f"2026-02-0{day}T10:00", ALICE, day, id="t:twice") for day in (1, 2)]
    (tmp_path / "events").mkdir()
    lines = [f"{events._line(event)}\n" for event in january]
    (tmp_path / "events" / "2026-01.jsonl").write_text(lines[1] + lines[0])  # out of order: read event by event
    (tmp_path / "events" / "2026-02.jsonl").write_text("".join(f"{events._line(event)}\n" for event in february))
    loaded = events.load(tmp_path)
    assert [event.id for event in loaded] == [january[0].id, january[1].id, "t:twice"]
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))


def test_a_piece_splits_into_the_lines_splitlines_gives():
    rng = random.Random(18)
    alphabet = [b"a", b"{}", b"\n", b"\r", b"\r\n", b"\x0b", b"\x0c", b"\x1c", b"\x85"]
    for _ in range(5000):
        piece = b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert decoding._lines(piece) == piece.splitlines()


def test_the_kpis_take_a_loaded_history_s_proof_and_report_what_a_shuffled_copy_gives(monkeypatch):
    from entraide import kpis
    from entraide.content.loader import load_community
    from entraide.kpis import history as kpi_history

    root = Path(__file__).resolve().parent.parent  # the example community
    community, loaded = load_community(root), events.load(root / "data")
    as_of = as_of_date(community, loaded, None)
    asked: list[type] = []
    checked = kpi_history.in_store_order
    monkeypatch.setattr(kpi_history, "in_store_order", lambda history: asked.append(type(history)) or checked(history))
    report = kpis.compute_all(community, loaded, as_of=as_of)
    assert asked and all(kind is StoreOrdered for kind in asked)  # not copied into a plain tuple on the way
    shuffled = list(loaded)
    random.Random(7).shuffle(shuffled)
    assert kpis.compute_all(community, shuffled, as_of=as_of) == report
