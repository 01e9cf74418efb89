"""Following an object (a roadmap, a goal): followers are told about comments on it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

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


def follower_ids(obj) -> set[int]:
    return set(
        Follow.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).values_list("user_id", flat=True)
    )
