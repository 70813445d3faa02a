from resume_ventes import lire_ventes, plus_vendus, total

CSV = "date,produit,quantite,prix\n2026-03-02,riz,2,1.5\n2026-03-03,pates,5,1.0\n2026-03-03,riz,1,1.5\n"


def test_total():
    assert total(lire_ventes(CSV)) == 9.5


def test_plus_vendus():
    assert plus_vendus(lire_ventes(CSV)) == ["pates", "riz"]


def test_vide():
    assert total(lire_ventes("date,produit,quantite,prix\n")) == 0
