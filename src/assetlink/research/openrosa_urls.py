"""The OpenRosa endpoints ODK Collect uses, under the server address that carries a researcher's key."""

from django.urls import path

from assetlink.research import openrosa

app_name = "research_openrosa"

urlpatterns = [
    path("<str:key>/formList", openrosa.form_list, name="form_list"),
    path("<str:key>/forms/<str:form_id>/<int:version_id>/form.xml", openrosa.form, name="form"),
    path("<str:key>/forms/<str:form_id>/<int:version_id>/manifest", openrosa.manifest, name="manifest"),
    path(
        "<str:key>/forms/<str:form_id>/<int:version_id>/media/<str:file_name>", openrosa.media, name="media"
    ),
    path("<str:key>/submission", openrosa.submission, name="submission"),
]
