"""Production settings: `check --deploy` is clean, and the app refuses to start without a secret key."""

import os
import subprocess
import sys


def run_python(*arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter under this environment less DEBUG and SECRET_KEY, plus the given variables."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env.update(environment)
    return subprocess.run(
        [sys.executable, *arguments], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def run_manage(*arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return run_python("-m", "assetlink.cli", *arguments, **environment)


def run_django(code: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """Run code with Django set up."""
    setup = "import django; django.setup()\n"
    return run_python("-c", setup + code, DJANGO_SETTINGS_MODULE="assetlink.settings", **environment)


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-production-grade-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="assetlink.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


PRODUCTION = {"SECRET_KEY": "a-production-grade-secret-key-" + "x" * 40, "ALLOWED_HOSTS": "example.org"}


def test_the_cache_is_shared_through_redis_when_configured():
    """The login throttle counts in the cache: with CACHE_URL every server process counts together."""
    code = (
        "from django.core.cache import cache\n"
        "cache.set('throttle-probe', 7, 30)\n"
        "import redis; print(redis.Redis.from_url('redis://127.0.0.1:6379/3').exists(':1:throttle-probe'))"
    )
    result = run_django(code, CACHE_URL="redis://127.0.0.1:6379/3", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    refused = run_django("", CACHE_URL="memcached://127.0.0.1", **PRODUCTION)
    assert refused.returncode != 0 and "CACHE_URL" in refused.stderr


def test_field_keys_come_from_a_file_only_with_debug_on(tmp_path):
    from cryptography.fernet import Fernet

    (tmp_path / "field_keys").write_text(Fernet.generate_key().decode())
    code = "from assetlink.encryption import encrypt; print(encrypt('x')[:7])"
    environment = {"ASSETLINK_VAR_DIR": str(tmp_path), "ASSETLINK_FIELD_KEYS": ""}
    production = run_django(code, **environment, **PRODUCTION)
    assert production.returncode != 0 and "No field encryption key" in production.stderr
    local = run_django(code, **environment, **PRODUCTION, DEBUG="1")
    assert local.returncode == 0 and local.stdout.strip() == "fernet:"


def test_the_demo_refuses_to_run_with_debug_off():
    result = run_manage("demo", "--people", "1", **PRODUCTION, DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0 and "published" in result.stderr


def test_mail_settings_reach_django():
    code = "from django.conf import settings as s; print(s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.ASSETLINK_OCID_PREFIX)"
    result = run_django(
        code, EMAIL_HOST_USER="mailer", EMAIL_USE_TLS="1", ASSETLINK_OCID_PREFIX="ocds-abc123", **PRODUCTION
    )
    assert result.stdout.split() == ["mailer", "True", "ocds-abc123"]
