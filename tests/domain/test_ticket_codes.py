import random

from acs_desktop.domain import ticket_codes


def test_codes_are_nine_characters_from_an_unambiguous_alphabet():
    code = ticket_codes.new_code()
    assert len(code) == 9
    assert not set(code) & set("ILOU")
    assert ticket_codes.is_valid(code)


def test_every_single_wrong_character_is_caught():
    code = ticket_codes.new_code(random.Random(3))
    for position in range(len(code)):
        for replacement in ticket_codes.ALPHABET:
            if replacement != code[position]:
                typo = code[:position] + replacement + code[position + 1 :]
                assert not ticket_codes.is_valid(typo), typo


def test_most_swaps_of_neighbours_are_caught():
    rng = random.Random(5)
    caught = total = 0
    for _ in range(300):
        code = ticket_codes.new_code(rng)
        for i in range(len(code) - 1):
            if code[i] != code[i + 1]:
                total += 1
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                caught += not ticket_codes.is_valid(swapped)
    assert caught / total > 0.9


def test_typed_codes_are_normalised():
    code = ticket_codes.new_code(random.Random(1))
    shown = ticket_codes.display(code)
    assert shown.count("-") == 2
    assert ticket_codes.normalize(f"  {shown.lower()} ") == code
    assert ticket_codes.normalize("o1-il") == "0111"


def test_codes_from_the_system_generator_differ():
    assert len({ticket_codes.new_code() for _ in range(1000)}) == 1000
