"""Render every Django form with KERN UX markup (labels, hints, errors, aria attributes).

Django 5.2 lets a renderer choose the BoundField class, so widgets get KERN classes and
`aria-describedby`/`aria-invalid` without per-template work.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class KernBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            # A hidden input has no role: HTML forbids aria-* on it (Nu checker error), and its
            # hint and error, if any, are not rendered next to it anyway.
            return {key: value for key, value in attrs.items() if not key.startswith("aria-")}
        has_error = bool(self.errors)
        if isinstance(widget, forms.CheckboxInput):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            css = ""
        elif isinstance(widget, forms.Select):
            css = "kern-form-input__select" + (
                " kern-form-input__select--error" if has_error else ""
            )
        else:
            css = "kern-form-input__input" + (" kern-form-input__input--error" if has_error else "")
        if css:
            attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        described = []
        if self.help_text:
            described.append(f"{self.auto_id}_hint")
        if has_error:
            described.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described and not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            attrs["aria-describedby"] = " ".join(described)
        return attrs

    @property
    def widget_kind(self) -> str:
        widget = self.field.widget
        if isinstance(widget, forms.CheckboxInput):
            return "checkbox"
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return "choices"
        if isinstance(widget, forms.Select):
            return "select"
        return "input"


class KernFormRenderer(TemplatesSetting):
    form_template_name = "forms/kern_form.html"
    field_template_name = "forms/kern_field.html"
    bound_field_class = KernBoundField
