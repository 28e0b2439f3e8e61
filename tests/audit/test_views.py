"""Audit trail and access log: recorded by services and views, browsable and exportable by admins."""

from django_tasks import TaskResultStatus, default_task_backend

from assetlink.audit.models import AccessLogEntry, AuditEntry
from assetlink.background.models import TaskRun
from assetlink.programmes.models import Membership, Role
from tests.http import signed_in


def test_viewing_a_member_record_is_written_to_the_access_log(world, admin):
    membership = Membership.objects.get(user=world.user(Role.PARTICIPANT))
    response = signed_in(admin).get(f"/p/{world.programme.slug}/members/{membership.pk}/")
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.viewer, entry.programme, entry.object_id) == (
        admin,
        world.programme,
        str(membership.user_id),
    )
    log = signed_in(admin).get(f"/p/{world.programme.slug}/audit/access/").content.decode()
    assert admin.email in log and f"/members/{membership.pk}/" in log


def test_audit_log_filters_by_action_and_hides_other_programmes(world, other_world, admin):
    client = signed_in(admin)
    client.post(
        f"/p/{world.programme.slug}/partners/new/",
        {
            "organisation_name": "Soho Road Trust",
            "kind": "community_group",
            "country": "GB",
            "role": "community",
        },
    )
    other_admin = other_world.user(Role.PROGRAMME_ADMIN)
    signed_in(other_admin).post(
        f"/p/{other_world.programme.slug}/partners/new/",
        {"organisation_name": "Secret Partner Ltd", "kind": "sme", "country": "GB", "role": "delivery"},
    )
    page = client.get(f"/p/{world.programme.slug}/audit/?action=partner.").content.decode()
    assert "Soho Road Trust" in page and "Secret Partner Ltd" not in page
    partial = client.get(f"/p/{world.programme.slug}/audit/?action=organisation.", HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "Soho Road Trust" in partial.content.decode()


def test_audit_export_runs_in_the_background_with_progress_for_its_starter(world, admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = signed_in(admin)
    client.post(
        f"/p/{world.programme.slug}/partners/new/",
        {"organisation_name": "Export Co", "kind": "sme", "country": "GB", "role": "delivery"},
    )
    response = client.post(f"/p/{world.programme.slug}/audit/export/", {"action": "partner."})
    run = TaskRun.objects.get()
    assert response["Location"] == f"/tasks/{run.pk}/"
    assert run.status == TaskRun.Status.QUEUED and "0%" in client.get(response["Location"]).content.decode()
    # Run what the worker would pick up (the worker command itself closes the test's database connection).
    queued = default_task_backend.get_result(run.task_result_id)
    assert queued.status == TaskResultStatus.READY
    queued.task.call(*queued.args, **queued.kwargs)
    run.refresh_from_db()
    assert run.status == TaskRun.Status.SUCCEEDED and run.done == run.total == 1
    download = client.get(f"/tasks/{run.pk}/download/")
    content = b"".join(download.streaming_content).decode()
    assert "partner.added" in content and "Export Co" in content and "organisation.created" not in content
    assert signed_in(world.user(Role.PARTNER_STAFF)).get(f"/tasks/{run.pk}/").status_code == 404
    assert AuditEntry.objects.filter(action="audit.export_started").exists()
