from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .selectors import body_detail_public, body_list_public


class BodyListView(ListView):
    template_name = "governance/body/list.html"
    context_object_name = "bodies"
    paginate_by = 25

    def get_queryset(self):
        return body_list_public()


class BodyPublicView(DetailView):
    """Public page of a body; members are listed only with their consent."""

    template_name = "governance/body/public_detail.html"
    context_object_name = "body"

    def get_object(self, queryset=None):
        return get_object_or_404(body_detail_public(self.kwargs["slug"]))
