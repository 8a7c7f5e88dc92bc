from django import forms
from rest_framework import serializers

class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        # ruleid: python-django-modelform-all-fields
        fields = "__all__"

class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        # ok: python-django-modelform-all-fields
        fields = ["id", "username", "email"]
