from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from moderation import engine as engine_module
from moderation.cli import cluster_command
from moderation.errors import ModelMissing


def run(stdin: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(cluster_command, ["-"], input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line]
    return result.exit_code, lines, result.stderr


def test_each_input_line_gets_one_output_line_in_order() -> None:
    stdin = "\n".join(
        json.dumps(item, ensure_ascii=False)
        for item in (
            {
                "id": "a",
                "text": "Когда будет индексация пенсий?",
                "municipality": "Урай",
            },
            {"id": "b", "text": "Индексация пенсий когда?", "has_video": True},
            {"id": "c", "text": "Купите биткоин t.me/money", "extra": 1},
        )
    )
    code, lines, _ = run(stdin + "\n")
    assert code == 0
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert lines[0]["municipality"] == "Урай"
    assert lines[2]["extra"] == 1
    assert lines[0]["cluster"] == lines[1]["cluster"] == "c1"
    assert lines[2]["cluster"] is None
    assert lines[2]["screening"] == "spam"
    assert lines[0]["topic"] == "социальная защита"
    assert set(lines[0]) >= {"cluster", "screening", "duplicate_of", "topic"}


def test_output_keeps_cyrillic_readable() -> None:
    result = CliRunner().invoke(
        cluster_command, ["-"], input='{"id": "a", "text": "Когда?"}\n'
    )
    assert "Когда?" in result.stdout


def test_blank_lines_are_ignored() -> None:
    code, lines, _ = run('\n{"id": "a", "text": "Когда ремонт дороги?"}\n\n  \n')
    assert code == 0
    assert len(lines) == 1


def test_numeric_ids_are_accepted() -> None:
    code, lines, _ = run('{"id": 7, "text": "Когда ремонт дороги?"}\n')
    assert code == 0
    assert lines[0]["id"] == 7


def test_input_file_path_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Когда ремонт дороги?"}\n', encoding="utf-8")
    result = CliRunner().invoke(cluster_command, [str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["cluster"] == "c1"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"id": "a", "text": "ok"}\nnot json\n', "line 2: not valid JSON"),
        ('["a", "b"]\n', "line 1: expected a JSON object"),
        ('{"text": "ok"}\n', "line 1: missing field 'id'"),
        ('{"id": "a"}\n', "line 1: missing field 'text'"),
        ('{"id": "a", "text": 5}\n', "line 1: field 'text' must be a string"),
        ('{"id": null, "text": "ok"}\n', "line 1: field 'id' must be"),
        (
            '{"id": "a", "text": "ok"}\n\n{"id": "a", "text": "again"}\n',
            "line 3: duplicate id 'a' (first on line 1)",
        ),
        ('{"id": "a", "text": "ok", "municipality": 3}\n', "field 'municipality'"),
        ('{"id": "a", "text": "ok", "at": "noon"}\n', "field 'at'"),
    ],
)
def test_bad_input_names_the_line_and_exits_with_two(stdin: str, message: str) -> None:
    result = CliRunner().invoke(cluster_command, ["-"], input=stdin)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cluster_command, [str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_missing_word_vectors_are_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def not_installed() -> None:
        raise ModelMissing("word vectors not found at /site-packages/moderation/data")

    monkeypatch.setattr(engine_module, "load_russian", not_installed)
    result = CliRunner().invoke(
        cluster_command, ["-"], input='{"id": "a", "text": "Когда?"}\n'
    )
    assert result.exit_code == 1
    assert "word vectors not found" in result.stderr
    assert "reinstall" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_records_function_gives_the_same_answers_as_the_command() -> None:
    from moderation.engine import cluster_records

    records = [
        {"id": "a", "text": "Когда будет индексация пенсий?", "municipality": "Урай"},
        {"id": "b", "text": "Индексация пенсий когда?", "extra": True},
    ]
    stdin = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    _, lines, _ = run(stdin)
    assert cluster_records(records) == lines
