from agreements.templatetags.agreement_tags import document_text


def test_paragraphs_lists_and_subheadings():
    html = document_text(
        "4.1 Inledning\n\nMålet är ett nära samarbete.\n- Lokala mål\n- Kvantifierade\n\n### Styrgrupp"
    )
    assert html == (
        '<h3 class="h6 fw-semibold mt-3">4.1 Inledning</h3>\n'
        "<p>Målet är ett nära samarbete.</p>\n"
        "<ul><li>Lokala mål</li><li>Kvantifierade</li></ul>\n"
        '<h3 class="h6 fw-semibold mt-3">Styrgrupp</h3>'
    )


def test_a_numbered_sentence_is_not_a_heading():
    assert document_text("2.5 procent av deltagarna ska få arbete.").startswith("<p>")


def test_markup_is_escaped():
    assert (
        document_text("### <b>x</b>") == '<h3 class="h6 fw-semibold mt-3">&lt;b&gt;x&lt;/b&gt;</h3>'
    )
