"""Résumé des ventes de l'épicerie solidaire à partir d'un fichier CSV."""

import csv
import io
from collections import Counter


def lire_ventes(texte):
    return list(csv.DictReader(io.StringIO(texte)))


def total(ventes):
    return sum(int(v["quantite"]) * float(v["prix"]) for v in ventes)


def plus_vendus(ventes, n=5):
    compte = Counter()
    for v in ventes:
        compte[v["produit"]] += int(v["quantite"])
    return [produit for produit, _ in compte.most_common(n)]
