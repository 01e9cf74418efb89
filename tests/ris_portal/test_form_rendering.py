"""KERN form rendering: the widget attributes every form gets from `KernBoundField`."""

from django import forms

from ris_portal.form_rendering import KernFormRenderer


class _Form(forms.Form):
    default_renderer = KernFormRenderer

    shown = forms.CharField(help_text="Ein Hinweis")
    # Like IndicatorValueForm.quality_reason: hidden until the value needs a justification.
    later = forms.CharField(widget=forms.HiddenInput, help_text="Ein Hinweis", required=True)


def test_visible_inputs_point_to_their_hint_and_error():
    form = _Form(data={})
    html = str(form["shown"])
    assert 'aria-describedby="id_shown_hint id_shown_error"' in html
    assert 'aria-invalid="true"' in html


def test_hidden_inputs_get_no_aria_attributes():
    """HTML forbids aria-* on input type=hidden (the crawl's Nu checker reported it)."""
    for form in (_Form(), _Form(data={})):
        html = str(form["later"])
        assert 'type="hidden"' in html
        assert "aria-" not in html
        # The visible field rendered hidden (as_hidden) gets none either.
        assert "aria-" not in form["shown"].as_hidden()
