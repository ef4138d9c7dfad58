"""What the hub's staff wrote down about their exchanges with each kind of organisation: the
subjects, short reports and follow-up tasks the demo's interactions are drawn from.

Each entry: (kind of interaction, subject, report, follow-up task or ""). Placeholders: {person}
(the contact met), {apprentice} (an apprentice of the company at the time), {course} (a course of
the hub), {year} (the school year), {project} (a Pôle Industrie project); an entry is drawn only
when its placeholders have a value.
"""

from __future__ import annotations

MEETING, CALL, EMAIL, VISIT, EVENT = "meeting", "call", "email", "visit", "event"

COMPANY = [
    (
        MEETING,
        "Besoins de recrutement d'apprentis pour la rentrée",
        "{person} prévoit un ou deux postes en {course} ; les profils recherchés sont à préciser avec "
        "l'atelier.",
        "Envoyer à {person} un modèle de fiche de poste pour l'offre en {course}",
    ),
    (
        MEETING,
        "Bilan de l'année d'alternance : {apprentice}",
        "Progrès nets sur les interventions en autonomie ; le tuteur souhaite plus de pratique sur les "
        "automatismes au centre.",
        "Transmettre le bilan à l'équipe pédagogique de {course}",
    ),
    (
        MEETING,
        "Présentation des formations en alternance de Hall 32",
        "Présentation du Bac Pro et des BTS, du calendrier de l'alternance et des aides à l'embauche. "
        "Intérêt pour le {course}.",
        "Envoyer la plaquette des formations et le calendrier {year}",
    ),
    (
        CALL,
        "Point sur l'intégration : {apprentice}",
        "Bonne intégration dans l'équipe de maintenance ; ponctualité à surveiller les lundis.",
        "",
    ),
    (
        CALL,
        "Absences au centre ({apprentice}) : point avec le tuteur",
        "Deux jours d'absence non justifiés ; {person} en parle avec l'apprenti·e et la famille.",
        "Rappeler {person} : retour au centre de {apprentice} à confirmer",
    ),
    (
        CALL,
        "Relance : offre d'apprentissage en {course}",
        "Le poste reste ouvert ; {person} accepte de recevoir deux candidatures de Hall 32.",
        "Proposer deux candidats admis pour le poste en {course}",
    ),
    (
        CALL,
        "Questions sur l'aide à l'embauche d'un apprenti",
        "Explication de l'aide exceptionnelle et de la prise en charge par l'OPCO (niveau de prise en "
        "charge du contrat).",
        "Envoyer la fiche sur les aides à l'embauche et les coordonnées de l'OPCO",
    ),
    (
        EMAIL,
        "Calendrier de l'alternance {year}",
        "Envoi du calendrier des semaines au centre et en entreprise pour {year}.",
        "",
    ),
    (
        EMAIL,
        "Fiche de poste pour l'offre en {course}",
        "{person} a renvoyé la fiche de poste complétée : missions, horaires, tuteur désigné.",
        "Publier l'offre en {course} et la diffuser aux candidats admis",
    ),
    (
        EMAIL,
        "Convention de partenariat à signer",
        "Envoi de la convention de partenariat en deux exemplaires.",
        "Relancer {person} pour la convention de partenariat signée",
    ),
    (
        VISIT,
        "Visite de suivi en entreprise – {apprentice}",
        "Entretien tripartite avec le tuteur et l'apprenti·e ; missions conformes au référentiel, "
        "livret d'apprentissage à jour.",
        "Saisir le compte rendu de visite dans le livret d'apprentissage ({apprentice})",
    ),
    (
        VISIT,
        "Visite de l'atelier et rencontre du futur tuteur",
        "Atelier bien équipé (centre d'usinage 5 axes, ligne d'assemblage) ; {person} sera tuteur·rice, "
        "formation maître d'apprentissage à prévoir.",
        "Inscrire {person} à la formation des maîtres d'apprentissage",
    ),
    (
        EVENT,
        "Petit-déjeuner des entreprises partenaires",
        "{person} présent·e ; échanges sur les difficultés de recrutement en maintenance.",
        "",
    ),
    (
        EVENT,
        "Remise des diplômes de la promotion",
        "{person} est venu·e féliciter son apprenti·e diplômé·e.",
        "",
    ),
]

PROSPECT = [
    (
        CALL,
        "Premier contact : présentation de Hall 32",
        "Entreprise qui n'a jamais accueilli d'apprenti ; {person} veut d'abord comprendre le rythme "
        "de l'alternance.",
        "Envoyer la présentation de Hall 32 et proposer une visite des ateliers",
    ),
    (
        EMAIL,
        "Documentation sur l'apprentissage à Hall 32",
        "Envoi de la plaquette, du calendrier et du coût restant à charge (nul pour la plupart des "
        "contrats).",
        "Relancer {person} après l'envoi de la documentation",
    ),
    (
        MEETING,
        "Rencontre avec la direction : accueillir un apprenti ?",
        "Besoin identifié en {course} ; décision attendue après le budget de l'an prochain.",
        "Rappeler {person} pour la décision sur le poste en {course}",
    ),
    (
        VISIT,
        "Visite des ateliers de Hall 32",
        "{person} a visité l'atelier robotique et la ligne modulaire ; très intéressé·e.",
        "Envoyer à {person} les profils des candidats admis en {course}",
    ),
    (
        EVENT,
        "Job dating de l'alternance à Hall 32",
        "{person} a rencontré six candidats ; deux entretiens à organiser.",
        "Organiser les entretiens de {person} avec deux candidats",
    ),
]

FOUNDER = [
    (
        MEETING,
        "Conseil d'administration de Hall 32",
        "Validation du budget et du rapport d'activité ; point sur les effectifs de la rentrée.",
        "Diffuser le compte rendu du conseil d'administration",
    ),
    (
        MEETING,
        "Comité de pilotage annuel {year}",
        "Bilan des effectifs et des poursuites d'études ; priorités de l'année : maintenance et robotique.",
        "Envoyer à {person} les indicateurs du comité de pilotage",
    ),
    (
        CALL,
        "Préparation de l'assemblée générale",
        "{person} interviendra sur les besoins en compétences du territoire.",
        "",
    ),
    (
        EMAIL,
        "Rapport d'activité {year}",
        "Envoi du rapport d'activité et des chiffres clés.",
        "",
    ),
    (
        EVENT,
        "Assemblée générale de Hall 32",
        "{person} présent·e ; vote des comptes et du plan d'action.",
        "",
    ),
]

REFERRAL = [
    (
        MEETING,
        "Comité de suivi des jeunes orientés",
        "Point sur les jeunes orientés vers Rebond et Cap Industrie ; trois entrées en formation, deux "
        "abandons.",
        "Envoyer à {person} les nouvelles dates d'information collective",
    ),
    (
        MEETING,
        "Présentation du programme Cap Industrie – remobilisation",
        "Présentation aux conseillers ; {person} a déjà repéré quatre jeunes intéressés.",
        "Recevoir les fiches de liaison des jeunes repérés par {person}",
    ),
    (
        CALL,
        "Orientation d'un jeune vers la prépa apprentissage",
        "Jeune de 19 ans, sans diplôme, attiré par l'électrotechnique ; entretien proposé la semaine "
        "prochaine.",
        "Fixer l'entretien du jeune orienté par {person}",
    ),
    (
        EMAIL,
        "Fiches de liaison des jeunes orientés",
        "{person} a transmis trois fiches de liaison.",
        "Accuser réception des fiches de liaison et fixer les entretiens",
    ),
    (
        VISIT,
        "Information collective dans les locaux de la structure",
        "Douze jeunes présents ; cinq souhaitent visiter les ateliers.",
        "Organiser la visite des ateliers pour les cinq jeunes intéressés",
    ),
    (
        EVENT,
        "Job dating de l'alternance",
        "{person} accompagnait un groupe de jeunes ; plusieurs candidatures déposées.",
        "",
    ),
]

SCHOOL = [
    (
        MEETING,
        "Préparation du forum des métiers avec le professeur principal",
        "Trois classes de 3e intéressées ; choix des ateliers à faire avec les élèves.",
        "Envoyer à {person} le formulaire d'inscription des classes au forum",
    ),
    (
        CALL,
        "Inscription des classes de 3e au forum",
        "{person} confirme deux classes ; le bus est réservé par le collège.",
        "Confirmer à {person} les créneaux des classes au forum",
    ),
    (
        EMAIL,
        "Programme du forum des métiers de l'industrie",
        "Envoi du programme, du plan d'accès et de l'autorisation de droit à l'image.",
        "",
    ),
    (
        VISIT,
        "Intervention en classe : les métiers de la maintenance",
        "Présentation et démonstration d'un petit automate ; beaucoup de questions sur l'alternance.",
        "Envoyer à {person} les dates des portes ouvertes pour les élèves intéressés",
    ),
    (
        VISIT,
        "Intervention en classe de 3e : découvrir la robotique",
        "Atelier de programmation d'un bras robotisé ; élèves très impliqués.",
        "",
    ),
    (
        EVENT,
        "Réunion d'information des parents d'élèves de 3e",
        "Présentation de la voie professionnelle et de l'apprentissage aux familles avec {person}.",
        "",
    ),
    (
        CALL,
        "Retour des élèves après le forum",
        "{person} : les élèves ont aimé l'atelier de fabrication additive ; deux demandent un stage "
        "d'observation.",
        "Proposer des stages d'observation aux deux élèves intéressés",
    ),
]

HIGHER = [
    (
        MEETING,
        "Poursuites d'études des diplômés de BTS",
        "Places réservées en licence professionnelle pour les diplômés de BTS ; {person} viendra les "
        "présenter.",
        "Transmettre à {person} la liste des BTS intéressés par la licence professionnelle",
    ),
    (
        EMAIL,
        "Calendrier des candidatures en licence professionnelle",
        "Dates de candidature envoyées par {person}.",
        "",
    ),
]

INDUSTRY = [
    (
        MEETING,
        "Revue de projet {project}",
        "Jalons tenus ; essais matière à refaire sur la deuxième série de pièces.",
        "Envoyer à {person} le compte rendu d'essais du projet {project}",
    ),
    (
        MEETING,
        "Expression du besoin : prototypage en fabrication additive",
        "Pièces de remplacement en polymère chargé ; volume de 50 pièces par an.",
        "Chiffrer le prototypage demandé par {person}",
    ),
    (
        CALL,
        "Point d'avancement du projet {project}",
        "{person} valide le planning ; livraison prévue en fin de mois.",
        "",
    ),
    (
        CALL,
        "Relance du devis en attente",
        "{person} attend l'arbitrage de son service achats.",
        "Rappeler {person} pour la décision sur le devis",
    ),
    (
        EMAIL,
        "Compte rendu d'essais – {project}",
        "Envoi des relevés dimensionnels et des photos des pièces.",
        "",
    ),
    (
        VISIT,
        "Visite du Pôle Industrie et démonstration des machines",
        "{person} a vu l'imprimante métal et la ligne modulaire ; un projet d'essais est envisagé.",
        "Proposer un devis d'essais sur la ligne modulaire à {person}",
    ),
    (
        EVENT,
        "Salon Global Industrie : stand Hall 32",
        "{person} est passé·e sur le stand ; intérêt pour la formation courte en robotique.",
        "",
    ),
]

FUNDER = [
    (
        MEETING,
        "Dialogue de gestion : bilan {year}",
        "Indicateurs présentés (effectifs, insertion, poursuites d'études) ; reconduction envisagée.",
        "Envoyer à {person} les pièces justificatives du bilan {year}",
    ),
    (
        MEETING,
        "Dossier de financement {year}",
        "Le dossier doit être déposé avant la fin du trimestre ; {person} relira le projet.",
        "Déposer le dossier de financement {year}",
    ),
    (
        CALL,
        "Prise en charge des contrats d'apprentissage",
        "Point sur les niveaux de prise en charge et les délais de paiement des contrats.",
        "",
    ),
    (
        EMAIL,
        "Rapport d'activité {year}",
        "Envoi du rapport d'activité et de l'état des dépenses.",
        "",
    ),
    (
        EVENT,
        "Inauguration de la ligne modulaire",
        "{person} présent·e à l'inauguration avec les élus.",
        "",
    ),
]

FIRST_CONTACT = [
    (
        CALL,
        "Premier contact : présentation de Hall 32",
        "{person} découvre Hall 32 ; un rendez-vous est à fixer.",
        "Proposer un rendez-vous à {person}",
    ),
    (
        EMAIL,
        "Présentation de Hall 32 et de ses missions",
        "Envoi de la plaquette et du rapport d'activité.",
        "Relancer {person} après l'envoi de la plaquette",
    ),
]

# The tasks the demo users have on their list today (the coordinator's, the outreach officer's, the
# engineer's), after their last exchanges.
COORDINATOR_TASKS = [
    "Relancer {person} pour l'offre en {course}",
    "Préparer la visite de suivi en entreprise – {apprentice}",
    "Envoyer le calendrier de l'alternance {year} à {person}",
    "Appeler {person} : deux candidats admis à proposer",
    "Vérifier la fiche de poste envoyée par {person}",
    "Proposer une date d'entretien à {person} pour le poste en {course}",
    "Faire signer la convention de partenariat par {person}",
    "Transmettre au tuteur le livret d'apprentissage ({apprentice})",
    "Relancer {person} pour l'attestation de stage",
]
OUTREACH_TASKS = [
    "Confirmer à {person} les créneaux des classes au forum",
    "Envoyer à {person} le programme du forum des métiers",
    "Appeler {person} : inscription des classes de 3e au forum",
    "Préparer l'intervention en classe avec {person}",
    "Envoyer à {person} les dates des portes ouvertes",
]
ENGINEER_TASKS = [
    "Envoyer à {person} le devis révisé",
    "Planifier avec {person} les essais sur la ligne modulaire",
    "Rappeler {person} pour la décision sur le devis",
    "Transmettre à {person} le compte rendu d'essais",
]
