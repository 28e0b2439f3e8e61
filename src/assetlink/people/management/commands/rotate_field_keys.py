"""`assetlink rotate_field_keys`: re-encrypt every encrypted field under the first (current) key."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from assetlink.encryption import encrypted_field_names


class Command(BaseCommand):
    help = (
        "Re-encrypt all encrypted fields with the first key of ASSETLINK_FIELD_KEYS (or var/field_keys). "
        "Put the new key first, keep the old ones after it, run this, then remove the old keys."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        with transaction.atomic():
            for model in apps.get_models():
                names = encrypted_field_names(model)
                if not names:
                    continue
                # Reading decrypts with whichever configured key fits; writing encrypts with the first.
                for pk, *values in model._default_manager.values_list("pk", *names).iterator():
                    updates = {name: value for name, value in zip(names, values, strict=True) if value}
                    if updates:
                        model._default_manager.filter(pk=pk).update(**updates)
                        total += len(updates)
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} values under the current key."))
