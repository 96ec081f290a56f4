"""Settings: environment, .env, defaults for the embedded mode, the secret key."""

from pathlib import Path

import pytest
from support import isolated_settings

from liveline.settings import Settings


def test_defaults_run_embedded_on_sqlite_in_the_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.is_embedded
    assert (
        settings.resolved_database_url() == "sqlite:///liveline-data/liveline.sqlite3"
    )


def test_environment_and_env_file_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("LIVELINE_REDIS_URL=redis://127.0.0.1:6379/0\n")
    monkeypatch.setenv("LIVELINE_DATABASE_URL", "postgresql://127.0.0.1/test")
    settings = Settings()
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.resolved_database_url() == "postgresql://127.0.0.1/test"
    assert not settings.is_embedded


def test_empty_redis_url_means_embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVELINE_REDIS_URL", "")
    assert isolated_settings().is_embedded


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = isolated_settings(data_dir=tmp_path).resolved_secret_key()
    again = isolated_settings(data_dir=tmp_path).resolved_secret_key()
    assert first == again and len(first) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_secret_key_from_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LIVELINE_SECRET_KEY", "from-the-environment")
    settings = isolated_settings(data_dir=tmp_path)
    assert settings.resolved_secret_key() == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_unreadable_rate_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVELINE_RATE_LIMIT_PER_IP", "lots")
    with pytest.raises(ValueError, match="30/minute"):
        isolated_settings()


def test_snapshots_go_to_the_data_directory_unless_told(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LIVELINE_DATA_DIR", str(tmp_path / "data"))
    assert Settings().resolved_snapshot_dir() == tmp_path / "data" / "snapshots"
    monkeypatch.setenv("LIVELINE_SNAPSHOT_DIR", str(tmp_path / "shared"))
    assert Settings().resolved_snapshot_dir() == tmp_path / "shared"
    monkeypatch.setenv("LIVELINE_SNAPSHOT_INTERVAL", "0")
    with pytest.raises(ValueError, match="snapshot_interval"):
        isolated_settings()
