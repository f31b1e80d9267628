"""Mechanisms shared by Agora's services and gateway. No domain words live here."""
