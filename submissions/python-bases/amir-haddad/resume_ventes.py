"""Résumé des ventes (première version)."""

import csv
import io


def lire_ventes(texte):
    return list(csv.DictReader(io.StringIO(texte)))


def total(ventes):
    return sum(float(v["prix"]) for v in ventes)  # oublie la quantité


def plus_vendus(ventes, n=5):
    return sorted({v["produit"] for v in ventes})[:n]
