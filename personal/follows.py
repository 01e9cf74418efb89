"""Following an object (a roadmap, a goal): followers are told about comments and decisions
on it. The follow button is `includes/follow.html`; its POST is a `FollowView`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect

from .models import Follow


def follow_set(*, user, obj, following: bool = True) -> bool:
    """Follow or unfollow `obj`; returns whether `user` follows it afterwards."""
    content_type = ContentType.objects.get_for_model(obj)
    if not following:
        Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).delete()
        return False
    try:
        with transaction.atomic():  # a savepoint: a double click must not break the caller
            Follow.objects.get_or_create(user=user, content_type=content_type, object_id=obj.pk)
    except IntegrityError:
        pass
    return True


class FollowView:
    """The POST of an object's follow button: `follow=0` stops following, anything else
    follows; a second click changes nothing. Back to the object's page with
    `followed_message` or `unfollowed_message`. Mix it in before the page's own scoping
    view, whose `get_object()` finds the object in the user's scope (else 404), e.g.
    `class RoadmapFollowView(FollowView, WorkspaceMixin, DetailView)`."""

    http_method_names = ["post"]
    followed_message = ""
    unfollowed_message = ""

    def post(self, request, *args, **kwargs) -> HttpResponse:
        obj = self.get_object()  # type: ignore[attr-defined]
        following = follow_set(
            user=request.user, obj=obj, following=request.POST.get("follow") != "0"
        )
        messages.success(request, self.followed_message if following else self.unfollowed_message)
        return redirect(obj.get_absolute_url())


def is_following(*, user, obj) -> bool:
    if not user.is_authenticated:
        return False
    # By app label and model name (a join): one query, even when the content type is not cached.
    meta = obj._meta
    return Follow.objects.filter(
        user=user,
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
        object_id=obj.pk,
    ).exists()


def follower_ids(obj, *, scope) -> set[int]:
    """The active followers of `obj` who may still open its page.

    `scope(roles)` is the queryset behind the object's page (`roadmap_list_workspace`,
    `goals_for`). Access can end after someone started to follow: a board membership ends, a
    roadmap goes back to its board and out of the steering committee's sight. Such a follower
    is told nothing more about the object, because a notification carries its title (and a
    comment's text) and links to a page that would answer 404. The follow itself stays: when
    access returns, so do the notifications. One role lookup per follower; objects have few.
    """
    from django.contrib.auth import get_user_model

    from ris_portal.roles import roles_for

    followers = get_user_model().objects.filter(
        is_active=True,
        follows__content_type=ContentType.objects.get_for_model(obj),
        follows__object_id=obj.pk,
    )
    return {user.pk for user in followers if scope(roles_for(user)).filter(pk=obj.pk).exists()}
