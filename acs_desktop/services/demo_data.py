"""Names and numbers for the demo store: fictional partners, relays and shows of Loire-Atlantique."""

from acs_desktop.domain.mediation import MediationKind

PARTNERS = (
    # name, commune, halls (name, address), weight of its programme
    (
        "Théâtre de l'Estuaire",
        "Nantes",
        (("Grande salle", "4 quai de la Fosse"), ("Le Studio", "6 quai de la Fosse")),
        3.0,
    ),
    ("La Fabrique des Chantiers", "Nantes", (("La Nef", "2 boulevard Léon-Bureau"),), 2.0),
    ("Théâtre municipal de Rezé", "Rezé", (("Salle Jean-Vilar", "18 rue de la Commune"),), 1.6),
    ("Le Quai des Arts", "Saint-Herblain", (("Auditorium", "1 place de l'Hôtel-de-Ville"),), 1.4),
    ("L'Escale Jazz", "Nantes", (("Le Club", "9 rue Kervégan"),), 1.0),
    ("Opéra de Loire-Atlantique", "Nantes", (("Grand Théâtre", "1 place Graslin"),), 1.2),
    ("Cirque en Loire", "Vertou", (("Chapiteau des Prairies", "Parc du Loiry"),), 0.9),
    ("Le Petit Théâtre du Sillon", "Saint-Nazaire", (("Salle du Sillon", "24 avenue de la République"),), 1.0),
    ("Festival Les Rives", "Couëron", (("Scène des Rives", "Port-Launay"),), 0.7),
    ("Théâtre des Marionnettes du Bouffay", "Nantes", (("Petite salle", "3 rue de la Juiverie"),), 0.8),
)
NEW_PARTNER = ("Ensemble orchestral de l'Erdre", "Carquefou", (("Salle de l'Érdre", "Allée des Musiciens"),), 0.0)

DISCIPLINE_WEIGHTS = {
    "Théâtre": 34,
    "Musique": 18,
    "Danse": 14,
    "Cirque": 8,
    "Jeune public": 8,
    "Chanson": 7,
    "Humour": 4,
    "Opéra": 4,
    "Marionnettes": 3,
}
PARTNER_DISCIPLINES = {
    "L'Escale Jazz": ("Musique", "Chanson"),
    "Opéra de Loire-Atlantique": ("Opéra", "Musique", "Danse"),
    "Cirque en Loire": ("Cirque", "Jeune public"),
    "Théâtre des Marionnettes du Bouffay": ("Marionnettes", "Jeune public"),
    "Ensemble orchestral de l'Erdre": ("Musique",),
}

TITLE_STARTS = (
    "Le Bal",
    "La Nuit",
    "Les Oiseaux",
    "L'Île",
    "Le Voyage",
    "La Traversée",
    "Les Lumières",
    "Le Jardin",
    "La Fugue",
    "Les Vagues",
    "Le Silence",
    "La Maison",
    "Les Enfants",
    "Le Chant",
    "La Ronde",
    "Les Géants",
    "Le Rêve",
    "La Marche",
    "Les Saisons",
    "Le Fil",
    "La Promesse",
    "Les Nuages",
    "Le Phare",
    "La Course",
)
TITLE_ENDS = (
    "des étoiles",
    "d'hiver",
    "de Lucie",
    "sans fin",
    "du port",
    "des marées",
    "en velours",
    "de minuit",
    "des possibles",
    "à l'envers",
    "d'Ulysse",
    "du dimanche",
    "des lucioles",
    "de papier",
    "sous la pluie",
    "des anciens",
    "de la forêt",
    "en couleurs",
    "du large",
    "des mille pas",
)
CLASSICS = {
    "Théâtre": (
        "Le Misanthrope",
        "Les Fourberies de Scapin",
        "Cyrano de Bergerac",
        "La Cerisaie",
        "Antigone",
        "En attendant Godot",
        "Le Malade imaginaire",
        "Roméo et Juliette",
        "La Mouette",
        "Ubu roi",
        "Phèdre",
        "L'Avare",
        "Hamlet",
        "La Tempête",
        "Dom Juan",
        "Les Bonnes",
    ),
    "Opéra": ("Carmen", "La Flûte enchantée", "La Traviata", "Les Noces de Figaro"),
    "Danse": ("Le Lac des cygnes", "Boléro", "Casse-Noisette", "Le Sacre du printemps"),
    "Musique": ("Les Quatre Saisons", "Symphonie du Nouveau Monde", "Requiem de Fauré"),
    "Jeune public": ("Le Petit Prince", "Pierre et le Loup", "Alice au pays des merveilles"),
    "Marionnettes": ("Le Petit Chaperon rouge", "Pinocchio"),
}

POSTAL_CODES = {
    "Nantes": "44000",
    "Rezé": "44400",
    "Saint-Herblain": "44800",
    "Vertou": "44120",
    "Saint-Nazaire": "44600",
    "Couëron": "44220",
    "Carquefou": "44470",
}
COMMUNES = (
    "Nantes",
    "Nantes",
    "Nantes",
    "Nantes",
    "Rezé",
    "Saint-Herblain",
    "Saint-Nazaire",
    "Orvault",
    "Bouguenais",
    "Vertou",
    "Carquefou",
    "La Chapelle-sur-Erdre",
    "Saint-Sébastien-sur-Loire",
    "Couëron",
    "Châteaubriant",
)
RELAY_NAMES = {
    "CCAS": ("CCAS",),
    "Centre social": ("Centre social {q}", "Maison de quartier {q}"),
    "Centre d'hébergement (CHRS)": ("CHRS {q}", "Foyer {q}"),
    "Accueil de jour": ("Accueil de jour {q}",),
    "Association d'insertion": ("Atelier d'insertion {q}", "Association Tremplin {q}"),
    "Service social départemental": ("Espace départemental des solidarités {q}",),
    "Mission locale": ("Mission locale {q}",),
    "Épicerie solidaire": ("Épicerie solidaire {q}",),
}
RELAY_TYPE_WEIGHTS = {
    "CCAS": 8,
    "Centre social": 14,
    "Centre d'hébergement (CHRS)": 8,
    "Accueil de jour": 4,
    "Association d'insertion": 7,
    "Service social départemental": 5,
    "Mission locale": 3,
    "Épicerie solidaire": 3,
}
QUARTERS = (  # of Nantes
    "Bellevue",
    "Malakoff",
    "Dervallières",
    "Breil",
    "Bottière",
    "Clos-Toreau",
    "Port-Boyer",
    "Nantes Nord",
    "Saint-Jacques",
    "Doulon",
    "Zola",
    "Chantenay",
    "Île de Nantes",
    "Hauts-Pavés",
    "Procé",
    "Erdre",
)
REFERENT_FIRST = (
    "Claire",
    "Yannick",
    "Sophie",
    "Karim",
    "Nathalie",
    "Julien",
    "Fatou",
    "Hélène",
    "Marc",
    "Inès",
    "Gaëlle",
    "Thomas",
    "Aïcha",
    "Loïc",
    "Émilie",
    "Samir",
)
REFERENT_LAST = (
    "Le Goff",
    "Martin",
    "Bernard",
    "Diallo",
    "Guérin",
    "Moreau",
    "Tessier",
    "Benali",
    "Rousseau",
    "Le Floch",
    "Perrin",
    "Haddad",
    "Chevalier",
    "Morvan",
    "Blanchard",
    "Nguyen",
)
BENEFICIARY_FIRST = (
    "Awa",
    "Léon",
    "Mariam",
    "Jean",
    "Zoé",
    "Ahmed",
    "Lucie",
    "Moussa",
    "Nadia",
    "Pierre",
    "Rose",
    "Yanis",
)

REASON_WEIGHTS = {
    "Maladie ou imprévu": 30,
    "Transport ou distance": 15,
    "Garde d'enfants": 12,
    "Oubli ou erreur de date": 12,
    "Appréhension (« ce n'est pas pour moi »)": 8,
    "Billet non remis à temps": 6,
    "Billet perdu": 3,
    "Représentation annulée ou modifiée": 2,
    "Refus à l'entrée": 1,
    "Arrivée en retard": 3,
    "Motif inconnu": 8,
}
FOLLOW_UPS = (
    ("meeting", "Rencontre de bilan : choix des spectacles de la saison avec l'équipe des relations publiques."),
    ("decision", "Le surplus de don financera des places hors abonnement pour les spectacles jeune public."),
    ("exchange", "Point téléphonique : le partenaire communiquera sur l'ACS dans sa brochure et au guichet."),
    ("meeting", "Présentation de la saison aux relais sociaux (rencontre collective)."),
)
CHARTER_TEXT = (
    "Le relais s'engage à proposer les invitations aux personnes qu'il accompagne, sans condition ni contrepartie ; "
    "à transmettre les billets à temps et à rendre les places qui ne serviront pas au plus tard la veille ; "
    "à faire part à l'association des freins rencontrés (transport, garde d'enfants, appréhension) pour les anticiper "
    "ensemble. Version 2 : rendre les places la veille au plus tard."
)
# (days ago, kind, text): the exchanges with a relay about what keeps people from coming.
RELAY_FOLLOW_UPS = (
    (75, "meeting", "Rencontre avec l'équipe : les familles hésitent à sortir le soir sans solution de garde."),
    (30, "exchange", "Appel après deux places perdues sans prévenir : rappel la veille par SMS, à essayer."),
    (8, "decision", "Le relais accompagnera le premier groupe au théâtre (covoiturage depuis le centre)."),
)


# The past season's mediation actions (month, day, kind, people reached, note): the season's
# presentation to the relays, collective meetings, visits, a meeting with artists, the closing.
MEDIATION = (
    (9, 18, MediationKind.PRESENTATION, 64, "Présentation de la saison aux travailleurs sociaux"),
    (10, 9, MediationKind.MEETING, 22, "Rencontre partenaires et relais du nord de l'agglomération"),
    (11, 20, MediationKind.VISIT, 15, "Visite des coulisses avant une représentation"),
    (1, 22, MediationKind.ARTISTS, 18, "Rencontre avec une compagnie après le spectacle"),
    (3, 12, MediationKind.MEETING, 19, "Rencontre partenaires et relais du sud de l'agglomération"),
    (4, 3, MediationKind.VISIT, 12, "Visite d'une salle de concert"),
    (6, 19, MediationKind.CLOSING, 85, "Soirée de clôture de la saison"),
)

# Relays' words after a performance (text, scale 1–4 or None, quoted in the report).
FEEDBACK = (
    (
        "Les personnes ont été très bien accueillies ; une mère est repartie avec l'envie de revenir avec ses enfants.",
        4,
        True,
    ),
    (
        "Première sortie au théâtre pour deux personnes du groupe : beaucoup d'émotion, on en parle encore à l'atelier.",
        4,
        True,
    ),
    (
        "Le spectacle était un peu long pour notre public, mais la rencontre après avec les comédiens a tout changé.",
        3,
        True,
    ),
    ("Difficile de trouver un transport pour le retour tardif.", 2, False),
    ("Très bonne soirée, merci.", None, False),
    ("Le groupe a apprécié d'être placé ensemble, sans être repéré.", 4, False),
)
