"""A household skills survey as a neighbourhood team would write it in XLSForm (English and Urdu), and
responses to it as ODK Collect sends them."""

from __future__ import annotations

from assetlink.research.xlsform_writer import Choice, Question, workbook

EN, UR = "English (en)", "Urdu (ur)"


def skills_survey(
    version: str = "2025030101", form_id: str = "household_skills", extra: list[Question] | None = None
) -> bytes:
    questions = [
        Question(
            "acknowledge",
            "consent",
            {EN: "I agree to take part", UR: "میں حصہ لینے پر راضی ہوں"},
            required=True,
        ),
        Question(
            "select_one yes_no",
            "assetlink_identify",
            {
                EN: "May we keep your name with your answers?",
                UR: "کیا ہم آپ کا نام جوابات کے ساتھ رکھ سکتے ہیں؟",
            },
            relevant="${consent} = 'OK'",
        ),
        Question(
            "text",
            "respondent_name",
            {EN: "Your name", UR: "آپ کا نام"},
            relevant="${assetlink_identify} = 'yes'",
        ),
        Question(
            "select_one area", "area", {EN: "Where do you live?", UR: "آپ کہاں رہتے ہیں؟"}, required=True
        ),
        Question(
            "integer",
            "age",
            {EN: "How old are you?", UR: "آپ کی عمر کیا ہے؟"},
            required=True,
            constraint=". >= 16 and . < 110",
            constraint_messages={EN: "From 16 to 109", UR: "16 سے 109 تک"},
        ),
        Question("date", "arrived_on", {EN: "When did you come to the UK?", UR: "آپ برطانیہ کب آئے؟"}),
        Question(
            "decimal", "hours", {EN: "Hours of paid work a week", UR: "ہفتہ وار تنخواہ والے کام کے گھنٹے"}
        ),
        Question(
            "select_multiple languages",
            "languages",
            {EN: "Which languages do you speak?", UR: "آپ کون سی زبانیں بولتے ہیں؟"},
        ),
        Question(
            "select_multiple esco_skill",
            "skills",
            {EN: "Skills you would like to use", UR: "ہنر جو آپ استعمال کرنا چاہیں گے"},
            appearance="autocomplete",
        ),
        Question("begin_repeat", "household", {EN: "People in your household", UR: "آپ کے گھر کے افراد"}),
        Question("integer", "member_age", {EN: "Their age", UR: "ان کی عمر"}),
        Question("text", "member_work", {EN: "Their work or study", UR: "ان کا کام یا تعلیم"}),
        Question("end_repeat"),
        Question("calculate", "household_size", calculation="count(${household}) + 1"),
        Question(
            "text",
            "idea",
            {
                EN: "What would help people here find work?",
                UR: "یہاں لوگوں کو کام ڈھونڈنے میں کیا مدد ملے گی؟",
            },
        ),
        *(extra or []),
    ]
    choices = [
        Choice("yes_no", "yes", {EN: "Yes", UR: "ہاں"}),
        Choice("yes_no", "no", {EN: "No", UR: "نہیں"}),
        Choice("languages", "en", {EN: "English", UR: "انگریزی"}),
        Choice("languages", "ur", {EN: "Urdu", UR: "اردو"}),
        Choice("languages", "ar", {EN: "Arabic", UR: "عربی"}),
    ]
    return workbook(
        form_id=form_id,
        title="Household skills",
        version=version,
        questions=questions,
        choices=choices,
        languages=(EN, UR),
    )


NURSING = "http://data.europa.eu/esco/skill/"


def response_xml(
    *,
    form_id: str = "household_skills",
    version: str = "2025030101",
    instance_id: str = "uuid:6f1c2b9e-4a0d-4e8b-9d56-2f7a1c3e8b01",
    area: str = "MX1",
    identify: str = "no",
    idea: str = "A job club in the library",
    members: tuple[tuple[str, str], ...] = (("12", "school"), ("41", "cleaner")),
) -> bytes:
    """A filled-in instance as ODK Collect writes it (the root element named after the form's data node)."""
    household = "".join(
        f"<household><member_age>{age}</member_age><member_work>{work}</member_work></household>"
        for age, work in members
    )
    return (
        f'<?xml version="1.0" ?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="{form_id}" version="{version}">'
        f"<consent>OK</consent><assetlink_identify>{identify}</assetlink_identify>"
        f"<respondent_name>{'Farah Iqbal' if identify == 'yes' else ''}</respondent_name>"
        f"<area>{area}</area><age>34</age><arrived_on>2019-09-01</arrived_on><hours>12.5</hours>"
        f"<languages>en ur</languages><skills></skills>{household}"
        f"<household_size>{len(members) + 1}</household_size><idea>{idea}</idea>"
        f"<meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()
