<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="27"/>
        <source>About AcMail</source>
        <translation>À propos d&apos;AcMail</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="33"/>
        <source>The mail client for the staff of the French académies. Licensed under the EUPL 1.2.</source>
        <translation>Le logiciel de messagerie des personnels des académies. Distribué sous licence EUPL 1.2.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="35"/>
        <source>Bundled components and their licences:</source>
        <translation>Composants inclus et leurs licences :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="37"/>
        <source>Bundled components and their licences</source>
        <translation>Composants inclus et leurs licences</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="38"/>
        <source>Component</source>
        <translation>Composant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="38"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="38"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="49"/>
        <source>Settings: %1
Cache: %2
Data: %3
Log: %4</source>
        <translation>Réglages : %1
Cache : %2
Données : %3
Journal : %4</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/about.py" line="55"/>
        <source>Copy technical information</source>
        <translation>Copier les informations techniques</translation>
    </message>
</context>
<context>
    <name>AccountsPane</name>
    <message>
        <location filename="../../acmail_desktop/ui/account_pane.py" line="107"/>
        <source>expanded</source>
        <translation>déplié</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/account_pane.py" line="107"/>
        <source>collapsed</source>
        <translation>replié</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/account_pane.py" line="109"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/account_pane.py" line="110"/>
        <source>%1, %2 unread, %3</source>
        <translation>%1, %2 non lus, %3</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/account_pane.py" line="114"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/account_pane.py" line="117"/>
        <source>Show or hide the folders of %1</source>
        <translation>Afficher ou masquer les dossiers de %1</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <location filename="../../acmail_desktop/ui/add_account.py" line="33"/>
        <source>Add an account</source>
        <translation>Ajouter un compte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/add_account.py" line="35"/>
        <source>Sign in to another mailbox (your school&apos;s functional mailbox, another académie&apos;s address…). It appears beside your own in the folder pane.</source>
        <translation>Connectez-vous à une autre boîte (la boîte fonctionnelle de l&apos;établissement, l&apos;adresse d&apos;une autre académie…). Elle apparaît à côté de la vôtre dans le volet des dossiers.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/add_account.py" line="44"/>
        <source>Another account</source>
        <translation>Un autre compte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/add_account.py" line="49"/>
        <source>Proposed by &amp;the administrator:</source>
        <translation>Pr&amp;oposé par l&apos;administrateur :</translation>
    </message>
</context>
<context>
    <name>ComposeForm</name>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="59"/>
        <source>%1 B</source>
        <translation>%1 o</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="59"/>
        <source>%1 KB</source>
        <translation>%1 Ko</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="60"/>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="60"/>
        <source>%1 GB</source>
        <translation>%1 Go</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="149"/>
        <source>Compose</source>
        <translation>Rédaction</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="153"/>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="155"/>
        <source>&amp;Attach…</source>
        <translation>&amp;Joindre…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="158"/>
        <source>Save &amp;draft</source>
        <translation>Enregistrer le &amp;brouillon</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="174"/>
        <source>Display name</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="175"/>
        <source>Display name (e.g. Élise Dupont)</source>
        <translation>Nom affiché (par exemple Élise Dupont)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="176"/>
        <source>The name your recipients see beside your address.</source>
        <translation>Le nom que vos destinataires voient à côté de votre adresse.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="186"/>
        <source>&amp;From:</source>
        <translation>&amp;De :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="192"/>
        <source>&amp;To:</source>
        <translation>&amp;À :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="192"/>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="193"/>
        <source>&amp;Cc:</source>
        <translation>&amp;Cc :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="193"/>
        <source>Copy to</source>
        <translation>Copie à</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="194"/>
        <source>&amp;Bcc:</source>
        <translation>C&amp;ci :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="194"/>
        <source>Hidden copy to</source>
        <translation>Copie cachée à</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="196"/>
        <source>name@ac-academie.fr, Name &lt;name@ac-academie.fr&gt;</source>
        <translation>prenom.nom@ac-academie.fr, Nom &lt;prenom.nom@ac-academie.fr&gt;</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="200"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="201"/>
        <source>S&amp;ubject:</source>
        <translation>&amp;Objet :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="206"/>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="212"/>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="235"/>
        <source>Message text</source>
        <translation>Texte du message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="248"/>
        <source>You mention an attachment, but no file is attached.</source>
        <translation>Vous mentionnez une pièce jointe, mais aucun fichier n’est joint.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="250"/>
        <source>Attach a file…</source>
        <translation>Joindre un fichier…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="252"/>
        <source>Send anyway</source>
        <translation>Envoyer quand même</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="259"/>
        <source>Sending needs a new PassCode:</source>
        <translation>L’envoi demande un nouveau PassCode :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="262"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="263"/>
        <source>PIN code</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="265"/>
        <source>token code (6 digits)</source>
        <translation>code du token (6 chiffres)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="266"/>
        <source>6-digit code from the token</source>
        <translation>Code à 6 chiffres du token</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="267"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="307"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="308"/>
        <source>Compose: %1</source>
        <translation>Rédaction : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="364"/>
        <source>This address is not valid.</source>
        <translation>Cette adresse n’est pas valide.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="372"/>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="372"/>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="373"/>
        <source>Bcc</source>
        <translation>Cci</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="379"/>
        <source>%1: an address can be read two ways; please retype it.</source>
        <translation>%1 : une adresse peut se lire de deux façons ; veuillez la ressaisir.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="384"/>
        <source>%1: one of the addresses is not valid.</source>
        <translation>%1 : une des adresses n’est pas valide.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="389"/>
        <source>Please enter at least one recipient.</source>
        <translation>Veuillez indiquer au moins un destinataire.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="396"/>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/compose_form.py" line="430"/>
        <source>%n file(s), %1</source>
        <translation>
            <numerusform>%n fichier, %1</numerusform>
            <numerusform>%n fichiers, %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="436"/>
        <source>This message (about %1 once encoded) is larger than the %2 the server accepts.</source>
        <translation>Ce message (environ %1 une fois encodé) dépasse les %2 acceptés par le serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_form.py" line="440"/>
        <source>Remove attachments or share them another way.</source>
        <translation>Retirez des pièces jointes ou partagez-les autrement.</translation>
    </message>
</context>
<context>
    <name>ComposeLauncher</name>
    <message>
        <location filename="../../acmail_desktop/ui/compose_launcher.py" line="174"/>
        <source>Unfinished messages</source>
        <translation>Messages inachevés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_launcher.py" line="175"/>
        <source>AcMail was closed while you were writing. Reopen the unfinished messages?</source>
        <translation>AcMail a été fermé pendant que vous écriviez. Rouvrir les messages inachevés ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_launcher.py" line="193"/>
        <source>Outbox</source>
        <translation>Boîte d&apos;envoi</translation>
    </message>
</context>
<context>
    <name>ComposeWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="202"/>
        <source>Send from</source>
        <translation>Envoyer depuis</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="293"/>
        <source>The sending connection expired: type your PIN and a new code to send.</source>
        <translation>La connexion d&apos;envoi a expiré : saisissez votre code PIN et un nouveau code pour envoyer.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="295"/>
        <source>Sending needs its own connection and a PassCode works only once: type your PIN and a new code. It will serve for the rest of the session.</source>
        <translation>L&apos;envoi demande sa propre connexion et un PassCode ne sert qu&apos;une fois : saisissez votre code PIN et un nouveau code. Il servira pour le reste de la session.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="327"/>
        <source>The server could not take the message now.</source>
        <translation>Le serveur ne peut pas prendre le message pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="328"/>
        <source>It is in the outbox and will be sent again at %1.</source>
        <translation>Il est dans la boîte d’envoi et sera renvoyé à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="339"/>
        <source>The connection was lost just after sending: the message may have left.</source>
        <translation>La connexion a été perdue juste après l’envoi : le message est peut-être parti.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="340"/>
        <source>It will not be sent again without your decision (see the outbox).</source>
        <translation>Il ne sera pas renvoyé sans votre décision (voir la boîte d’envoi).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="344"/>
        <source>The server refused the message. Correct it and send again.</source>
        <translation>Le serveur a refusé le message. Corrigez-le puis renvoyez-le.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="355"/>
        <source>Nothing was sent. Correct or remove the address, then send again.</source>
        <translation>Rien n&apos;a été envoyé. Corrigez ou retirez l&apos;adresse, puis renvoyez.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="242"/>
        <source>Attach the file, or choose “Send anyway”.</source>
        <translation>Joignez le fichier, ou choisissez « Envoyer quand même ».</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="246"/>
        <source>The message is larger than the server accepts.</source>
        <translation>Le message dépasse la taille acceptée par le serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="251"/>
        <source>Preparing the message…</source>
        <translation>Préparation du message…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="318"/>
        <source>Sending…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="284"/>
        <source>Message sent. The copy in “Sent” will be made later.</source>
        <translation>Message envoyé. La copie dans « Envoyés » sera faite plus tard.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="301"/>
        <source>A field contains a line break or an ambiguous address; please correct it.</source>
        <translation>Un champ contient un saut de ligne ou une adresse ambiguë ; veuillez le corriger.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="311"/>
        <source>The PIN is 4 to 8 digits and the code 6 digits.</source>
        <translation>Le PIN comporte 4 à 8 chiffres et le code 6 chiffres.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="333"/>
        <source>Queued.</source>
        <translation>En attente d’envoi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="335"/>
        <source>Message sent.</source>
        <translation>Message envoyé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose.py" line="337"/>
        <source>Message sent and saved in “Sent”.</source>
        <translation>Message envoyé et enregistré dans « Envoyés ».</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="388"/>
        <source>Replace the account “%1” (your académie&apos;s former servers) by “%2” on the national messagerie?</source>
        <translation>Remplacer le compte « %1 » (anciens serveurs de votre académie) par « %2 » sur la messagerie nationale ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="390"/>
        <source>Messagerie nationale</source>
        <translation>Messagerie nationale</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="393"/>
        <source>Drafts, unsent messages and the account&apos;s settings are kept. The local copy of the former mailbox is deleted: the national messagerie&apos;s mailbox is read again from the server.</source>
        <translation>Les brouillons, les messages non envoyés et les réglages du compte sont conservés. La copie locale de l&apos;ancienne boîte est effacée : la boîte de la messagerie nationale est relue depuis le serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="702"/>
        <source>Attachment saved: %1</source>
        <translation>Pièce jointe enregistrée : %1</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="49"/>
        <source>the identifiant is empty</source>
        <translation>l&apos;identifiant est vide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="50"/>
        <source>spaces at the start or at the end were removed</source>
        <translation>des espaces au début ou à la fin ont été retirés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="51"/>
        <source>it contains a space</source>
        <translation>il contient une espace</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="52"/>
        <source>capital letters were made lower case</source>
        <translation>les majuscules ont été mises en minuscules</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="53"/>
        <source>it is an e-mail address, not the identifiant</source>
        <translation>c&apos;est une adresse e-mail, pas l&apos;identifiant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="54"/>
        <source>it is an e-mail address of another domain</source>
        <translation>c&apos;est une adresse e-mail d&apos;un autre domaine</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="55"/>
        <source>it contains accents</source>
        <translation>il contient des accents</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="56"/>
        <source>it does not follow the usual form of the académie</source>
        <translation>il ne suit pas la forme habituelle de l&apos;académie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="57"/>
        <source>it contains invisible characters</source>
        <translation>il contient des caractères invisibles</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="58"/>
        <source>it is not a complete e-mail address (prenom.nom@ac-….fr)</source>
        <translation>ce n&apos;est pas une adresse électronique complète (prenom.nom@ac-….fr)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="82"/>
        <source>Input</source>
        <translation>Saisie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="83"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="84"/>
        <source>IMAP DNS (%1)</source>
        <translation>DNS IMAP (%1)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="86"/>
        <source>SMTP DNS (%1)</source>
        <translation>DNS SMTP (%1)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="88"/>
        <source>IMAP port %1</source>
        <translation>Port IMAP %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="90"/>
        <source>IMAP: TLS encryption</source>
        <translation>IMAP : chiffrement TLS</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="91"/>
        <source>IMAP: greeting and capabilities</source>
        <translation>IMAP : accueil et capacités</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="93"/>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="94"/>
        <source>Inbox and quota</source>
        <translation>Boîte de réception et quota</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="95"/>
        <source>SMTP port %1</source>
        <translation>Port SMTP %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="97"/>
        <source>SMTP: TLS encryption</source>
        <translation>SMTP : chiffrement TLS</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="98"/>
        <source>SMTP: greeting and capabilities</source>
        <translation>SMTP : accueil et capacités</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="100"/>
        <source>SMTP: authentication</source>
        <translation>SMTP : authentification</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="102"/>
        <source>Test message</source>
        <translation>Message de test</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="103"/>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="133"/>
        <source>No identifiant entered: only the servers will be tested.</source>
        <translation>Aucun identifiant saisi : seuls les serveurs seront testés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="141"/>
        <source>Wrong address: %1.</source>
        <translation>Adresse incorrecte : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="143"/>
        <source>The national messagerie signs in with the complete e-mail address (prenom.nom@ac-….fr), not with the identifiant.</source>
        <translation>La messagerie nationale se connecte avec l&apos;adresse électronique complète (prenom.nom@ac-….fr), pas avec l&apos;identifiant.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="148"/>
        <source>Enter the identifiant, not the e-mail address (perhaps “%1”; check it).</source>
        <translation>Saisissez l&apos;identifiant, pas l&apos;adresse e-mail (peut-être « %1 » ; vérifiez-le).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="151"/>
        <source>Enter the identifiant, not the e-mail address.</source>
        <translation>Saisissez l&apos;identifiant, pas l&apos;adresse e-mail.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="152"/>
        <source>Wrong identifiant: %1.</source>
        <translation>Identifiant incorrect : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="157"/>
        <source>The password is empty.</source>
        <translation>Le mot de passe est vide.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="158"/>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="163"/>
        <source>The PassCode is not shaped PIN + 6-digit code.</source>
        <translation>Le PassCode n&apos;a pas la forme PIN + code à 6 chiffres.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="166"/>
        <source>Enter your PIN followed by the code shown by the token.</source>
        <translation>Saisissez votre PIN suivi du code affiché par le token.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="170"/>
        <source>the password starts or ends with a space</source>
        <translation>le mot de passe commence ou finit par une espace</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="176"/>
        <source>the password entered looks like a usual password (chosen by a person), not like an application password generated by the web messagerie</source>
        <translation>le mot de passe saisi ressemble à un mot de passe habituel (choisi par une personne), pas à un mot de passe d&apos;application généré par la messagerie web</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="185"/>
        <source>To check: %1.</source>
        <translation>À vérifier : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="187"/>
        <source>Create an application password in the web messagerie (Préférences → Mots de passe sécurisés → Créer…) and enter it instead.</source>
        <translation>Créez un mot de passe d&apos;application dans la messagerie web (Préférences → Mots de passe sécurisés → Créer…) et saisissez-le à la place.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="191"/>
        <source>Input corrected: %1.</source>
        <translation>Saisie corrigée : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="193"/>
        <source>Check that it is really your identifiant.</source>
        <translation>Vérifiez que c&apos;est bien votre identifiant.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="195"/>
        <source>Identifiant of the expected form.</source>
        <translation>Identifiant de la forme attendue.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="196"/>
        <source>Input correct.</source>
        <translation>Saisie correcte.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="229"/>
        <source>No active network connection.</source>
        <translation>Aucune connexion réseau active.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="231"/>
        <source>Check the Wi-Fi or the network cable.</source>
        <translation>Vérifiez le Wi-Fi ou le câble réseau.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="234"/>
        <source>Network active; a web proxy is configured (mail does not go through it).</source>
        <translation>Réseau actif ; un proxy web est configuré (la messagerie ne passe pas par lui).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="236"/>
        <source>Network active.</source>
        <translation>Réseau actif.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="255"/>
        <source>The DNS server does not answer for %1.</source>
        <translation>Le serveur DNS ne répond pas pour %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="258"/>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="268"/>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="275"/>
        <source>Check the network connection.</source>
        <translation>Vérifiez la connexion réseau.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="263"/>
        <source>The DNS server cannot be reached (name %1 cannot be checked).</source>
        <translation>Le serveur DNS est injoignable (nom %1 non vérifiable).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="265"/>
        <source>The name %1 does not exist (NXDOMAIN).</source>
        <translation>Le nom %1 n&apos;existe pas (NXDOMAIN).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="269"/>
        <source>Check the académie chosen or the server&apos;s name.</source>
        <translation>Vérifiez l&apos;académie choisie ou le nom du serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="273"/>
        <source>%1 cannot be resolved.</source>
        <translation>Résolution de %1 impossible.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="277"/>
        <source>The name %1 has no address.</source>
        <translation>Le nom %1 n&apos;a pas d&apos;adresse.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="279"/>
        <source>Check the server&apos;s name.</source>
        <translation>Vérifiez le nom du serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="297"/>
        <source>Port %1 open on %2.</source>
        <translation>Port %1 ouvert sur %2.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="300"/>
        <source>Port %1 (%2) answers: the académie&apos;s profile may need an update.</source>
        <translation>Le port %1 (%2) répond : le profil de l&apos;académie est peut-être à mettre à jour.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="310"/>
        <source>Connection refused on port %1.</source>
        <translation>Connexion refusée sur le port %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="312"/>
        <source>No answer on port %1 (packets blocked by a firewall?).</source>
        <translation>Aucune réponse sur le port %1 (paquets bloqués par un pare-feu ?).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="315"/>
        <source>Port %1 unreachable.</source>
        <translation>Port %1 injoignable.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="317"/>
        <source>The school&apos;s network may be filtering this port; try another network.</source>
        <translation>Le réseau de l&apos;établissement filtre peut-être ce port ; essayez un autre réseau.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="342"/>
        <source>Version %1 is obsolete.</source>
        <translation>Version %1 obsolète.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="344"/>
        <source>Tell the support desk: the server must offer TLS 1.2 or later.</source>
        <translation>Prévenez le support : le serveur doit proposer TLS 1.2 ou plus.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="348"/>
        <source>%1, certificate valid but expiring soon (%2).</source>
        <translation>%1, certificat valide mais qui expire bientôt (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="352"/>
        <source>%1, certificate valid for %2.</source>
        <translation>%1, certificat valide pour %2.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="363"/>
        <source>The server opens a session without asking for a password (PREAUTH): connection refused, as in AcMail.</source>
        <translation>Le serveur ouvre une session sans demander de mot de passe (PREAUTH) : connexion refusée, comme dans AcMail.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="367"/>
        <source>An académie&apos;s server does not behave like this: send this report to the support desk.</source>
        <translation>Ce n&apos;est pas le comportement d&apos;un serveur d&apos;académie : transmettez ce rapport au support.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="372"/>
        <source>The server does not offer STARTTLS: unencrypted connection refused.</source>
        <translation>Le serveur ne propose pas STARTTLS : connexion non chiffrée refusée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="375"/>
        <source>The académie&apos;s profile must use an encrypted port.</source>
        <translation>Le profil de l&apos;académie doit utiliser un port chiffré.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="378"/>
        <source>the TLS negotiation</source>
        <translation>la négociation TLS</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="379"/>
        <source>the server&apos;s greeting</source>
        <translation>l&apos;accueil du serveur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="380"/>
        <source>The server accepts the connection but does not answer (%1).</source>
        <translation>Le serveur accepte la connexion mais ne répond pas (%1).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="382"/>
        <source>Try again later; a network device may be blocking the connection.</source>
        <translation>Réessayez plus tard ; un équipement réseau bloque peut-être la connexion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="408"/>
        <source>The issuer looks like a TLS inspection device (firewall, antivirus): the network decrypts the connections.</source>
        <translation>L&apos;émetteur ressemble à un équipement d&apos;inspection TLS (pare-feu, antivirus) : le réseau déchiffre les connexions.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="412"/>
        <source>Certificate expired since %1.</source>
        <translation>Certificat expiré depuis le %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="414"/>
        <source>Certificate expired.</source>
        <translation>Certificat expiré.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="417"/>
        <source>The certificate is not that of %1 (it covers: %2).</source>
        <translation>Le certificat n&apos;est pas celui de %1 (il couvre : %2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="420"/>
        <source>The certificate is not that of %1.</source>
        <translation>Le certificat n&apos;est pas celui de %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="422"/>
        <source>Certificate not recognised (issuer: %1).</source>
        <translation>Certificat non reconnu (émetteur : %1).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="423"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="425"/>
        <source>The server accepts only an obsolete TLS version (%1).</source>
        <translation>Le serveur n&apos;accepte qu&apos;une version de TLS obsolète (%1).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="428"/>
        <source>The server accepts only an obsolete TLS version.</source>
        <translation>Le serveur n&apos;accepte qu&apos;une version de TLS obsolète.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="430"/>
        <source>TLS negotiation failed.</source>
        <translation>Échec de la négociation TLS.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="432"/>
        <source>Do not bypass the warning; send this report to the support desk.</source>
        <translation>Ne contournez pas l&apos;avertissement ; transmettez ce rapport au support.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="439"/>
        <source>The server broke off the exchange before encryption.</source>
        <translation>Le serveur a interrompu l&apos;échange avant le chiffrement.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="441"/>
        <source>Exchange interrupted.</source>
        <translation>Échange interrompu.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="443"/>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="460"/>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="584"/>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="639"/>
        <source>Send this report to the support desk.</source>
        <translation>Transmettez ce rapport au support.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="454"/>
        <source>The server does not present itself as an IMAP server.</source>
        <translation>Le serveur ne se présente pas comme un serveur IMAP.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="456"/>
        <source>Check the académie&apos;s profile.</source>
        <translation>Vérifiez le profil de l&apos;académie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="458"/>
        <source>The server refuses every password sign-in (LOGINDISABLED).</source>
        <translation>Le serveur refuse toute connexion par mot de passe (LOGINDISABLED).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="462"/>
        <source>IMAP server ready; authentication: %1.</source>
        <translation>Serveur IMAP prêt ; authentification : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="465"/>
        <source>Capabilities updated after STARTTLS.</source>
        <translation>Capacités mises à jour après STARTTLS.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="471"/>
        <source>Identifiant or password refused.</source>
        <translation>Identifiant ou mot de passe refusé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="472"/>
        <source>Account locked.</source>
        <translation>Compte bloqué.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="473"/>
        <source>Password expired.</source>
        <translation>Mot de passe expiré.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="474"/>
        <source>PassCode refused (wrong, expired or already used).</source>
        <translation>PassCode refusé (erroné, expiré ou déjà utilisé).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="475"/>
        <source>Too many connections open for this account.</source>
        <translation>Trop de connexions ouvertes pour ce compte.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="476"/>
        <source>Authentication service unavailable.</source>
        <translation>Service d&apos;authentification indisponible.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="477"/>
        <source>The server requires an encrypted channel.</source>
        <translation>Le serveur exige un canal chiffré.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="478"/>
        <source>The server cannot receive a password with accents or symbols.</source>
        <translation>Le serveur ne sait pas recevoir un mot de passe avec accents ou symboles.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="480"/>
        <source>Address or application password refused (the usual password does not work in a mail program).</source>
        <translation>Adresse ou mot de passe d&apos;application refusé (le mot de passe habituel ne fonctionne pas dans un logiciel de messagerie).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="488"/>
        <source>Not tested (no password given or test not asked for).</source>
        <translation>Non testée (mot de passe non fourni ou test non demandé).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="505"/>
        <source>Message from the server: “%1”</source>
        <translation>Message du serveur : « %1 »</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="508"/>
        <source>Authentication refused.</source>
        <translation>Authentification refusée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="512"/>
        <source>Only one attempt was made; do not retry over and over.</source>
        <translation>Une seule tentative a été faite ; ne réessayez pas en boucle.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="517"/>
        <source>The connection failed before authentication.</source>
        <translation>La connexion a échoué avant l&apos;authentification.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="520"/>
        <source>Authentication accepted (%1).</source>
        <translation>Authentification acceptée (%1).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="529"/>
        <source>Not tested (no session).</source>
        <translation>Non testée (pas de session).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="533"/>
        <source>Inbox accessible (%1 messages); quota not announced by the server.</source>
        <translation>Boîte de réception accessible (%1 messages) ; quota non annoncé par le serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="539"/>
        <source>Mailbox accessible, but the quota could not be read.</source>
        <translation>Boîte accessible, mais le quota n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="546"/>
        <source>Inbox accessible (%1 messages).</source>
        <translation>Boîte de réception accessible (%1 messages).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="550"/>
        <source>%1 used of %2 (%3 %)</source>
        <translation>%1 utilisés sur %2 (%3 %)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="553"/>
        <source>Mailbox full: %1.</source>
        <translation>Boîte aux lettres pleine : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="554"/>
        <source>Delete large messages and empty the trash.</source>
        <translation>Supprimez des messages volumineux et videz la corbeille.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="557"/>
        <source>Mailbox almost full: %1.</source>
        <translation>Boîte presque pleine : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="558"/>
        <source>Make room before it refuses messages.</source>
        <translation>Faites de la place avant qu&apos;elle ne refuse les messages.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="560"/>
        <source>Inbox accessible; %1.</source>
        <translation>Boîte de réception accessible ; %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="567"/>
        <source>%1 KB</source>
        <translation>%1 Ko</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="569"/>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="570"/>
        <source>%1 GB</source>
        <translation>%1 Go</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="582"/>
        <source>The sending server offers no authentication.</source>
        <translation>Le serveur d&apos;envoi ne propose aucune authentification.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="587"/>
        <source>Sending server ready; authentication: %1, maximum size %2.</source>
        <translation>Serveur d&apos;envoi prêt ; authentification : %1, taille maximale %2.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="591"/>
        <source>Sending server ready; authentication: %1.</source>
        <translation>Serveur d&apos;envoi prêt ; authentification : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="598"/>
        <source>Not tested.</source>
        <translation>Non testée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="600"/>
        <source>Not tested: the PassCode works only once and was used for IMAP.</source>
        <translation>Non testée : le PassCode ne sert qu&apos;une fois et a été utilisé pour IMAP.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="609"/>
        <source>The sending server refuses the credentials.</source>
        <translation>Le serveur d&apos;envoi refuse les identifiants.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="614"/>
        <source>Cannot connect to the sending server.</source>
        <translation>Connexion au serveur d&apos;envoi impossible.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="618"/>
        <source>Sending authentication accepted.</source>
        <translation>Authentification d&apos;envoi acceptée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="626"/>
        <source>Not asked for.</source>
        <translation>Non demandé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="631"/>
        <source>AcMail: diagnostics test message</source>
        <translation>AcMail : message de test du diagnostic</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="632"/>
        <source>This message was sent by the AcMail diagnostics. You can delete it.</source>
        <translation>Ce message a été envoyé par le diagnostic d&apos;AcMail. Vous pouvez le supprimer.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="637"/>
        <source>The test message was refused.</source>
        <translation>Le message de test a été refusé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="641"/>
        <source>Test message sent to %1.</source>
        <translation>Message de test envoyé à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="681"/>
        <source>Server time not available: clock not compared.</source>
        <translation>Heure du serveur non disponible : horloge non comparée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="693"/>
        <source>The computer&apos;s clock is %1 s ahead of the server&apos;s.</source>
        <translation>L&apos;horloge de l&apos;ordinateur est en avance de %1 s sur celle du serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="695"/>
        <source>The computer&apos;s clock is %1 s behind the server&apos;s.</source>
        <translation>L&apos;horloge de l&apos;ordinateur est en retard de %1 s sur celle du serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="698"/>
        <source>Turn on the automatic setting of the date and time.</source>
        <translation>Activez le réglage automatique de la date et de l&apos;heure.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/checks.py" line="700"/>
        <source>Clock on time (off by %1 s).</source>
        <translation>Horloge à l&apos;heure (écart %1 s).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="19"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="20"/>
        <source>WARNING</source>
        <translation>ATTENTION</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="21"/>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="22"/>
        <source>not done</source>
        <translation>non fait</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="83"/>
        <source>AcMail diagnostics report</source>
        <translation>Rapport de diagnostic AcMail</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="84"/>
        <source>Tool: %1</source>
        <translation>Outil : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="85"/>
        <source>Date: %1 (took %2 s)</source>
        <translation>Date : %1 (durée %2 s)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="86"/>
        <source>Académie: %1 (%2)</source>
        <translation>Académie : %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="87"/>
        <source>Identifiant: %1</source>
        <translation>Identifiant : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="88"/>
        <source>(not entered)</source>
        <translation>(non saisi)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="89"/>
        <source>IMAP server: %1</source>
        <translation>Serveur IMAP : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="90"/>
        <source>SMTP server: %1</source>
        <translation>Serveur SMTP : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="92"/>
        <source>VERDICT: %1 [%2]</source>
        <translation>VERDICT : %1 [%2]</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="94"/>
        <source>To do: %1</source>
        <translation>À faire : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="96"/>
        <source>Checks:</source>
        <translation>Contrôles :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="104"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/report.py" line="111"/>
        <source>This report contains neither password nor PassCode.</source>
        <translation>Ce rapport ne contient ni mot de passe ni PassCode.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/run.py" line="177"/>
        <source>Not done: diagnostics cancelled.</source>
        <translation>Non effectué : diagnostic annulé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/run.py" line="182"/>
        <source>Not done: the step “%1” failed.</source>
        <translation>Non effectué : l&apos;étape « %1 » a échoué.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/run.py" line="184"/>
        <source>Not done: the step “%1” was not done.</source>
        <translation>Non effectué : l&apos;étape « %1 » n&apos;a pas été effectuée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/run.py" line="189"/>
        <source>Not done: maximum duration of the diagnostics (%1 s) reached.</source>
        <translation>Non effectué : durée maximale du diagnostic (%1 s) atteinte.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/run.py" line="196"/>
        <source>Unexpected error.</source>
        <translation>Erreur inattendue.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/run.py" line="201"/>
        <source>Internal error of the diagnostics.</source>
        <translation>Erreur interne du diagnostic.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/diagnostics/run.py" line="205"/>
        <source>Interrupted: diagnostics cancelled.</source>
        <translation>Interrompu : diagnostic annulé.</translation>
    </message>
</context>
<context>
    <name>DiagnosticsWizard</name>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="100"/>
        <source>AcMail — Connection diagnostics</source>
        <translation>AcMail — Diagnostic de connexion</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="105"/>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="106"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="107"/>
        <source>Next &gt;</source>
        <translation>Suivant &gt;</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="108"/>
        <source>&lt; Back</source>
        <translation>&lt; Précédent</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="132"/>
        <source>What should be tested?</source>
        <translation>Que faut-il tester ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="133"/>
        <source>The diagnostics check the network, the servers of your académie and, if you agree, your password. Nothing is sent anywhere else.</source>
        <translation>Le diagnostic vérifie le réseau, les serveurs de votre académie et, si vous l&apos;acceptez, votre mot de passe. Rien n&apos;est envoyé ailleurs.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="137"/>
        <source>Académie</source>
        <translation>Académie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="144"/>
        <source>&amp;Académie:</source>
        <translation>&amp;Académie :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="150"/>
        <source>Identifiant</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="151"/>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="216"/>
        <source>e.g. fdurand</source>
        <translation>ex. : fdurand</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="152"/>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="214"/>
        <source>&amp;Identifiant:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="154"/>
        <source>Also &amp;test my password</source>
        <translation>Tester aussi mon mo&amp;t de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="156"/>
        <source>One login attempt will be made. It counts like a failed login if the password is wrong: after several failures the account is locked.</source>
        <translation>Une tentative de connexion sera faite. Si le mot de passe est faux, elle compte comme un échec : après plusieurs échecs, le compte est bloqué.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="163"/>
        <source>Pass&amp;word</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="164"/>
        <source>&amp;PassCode OTP (PIN + code)</source>
        <translation>&amp;PassCode OTP (PIN + code)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="178"/>
        <source>Password or PassCode</source>
        <translation>Mot de passe ou PassCode</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="179"/>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="217"/>
        <source>Pass&amp;word:</source>
        <translation>Mot de pa&amp;sse :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="189"/>
        <source>&amp;Send myself a test message</source>
        <translation>M&apos;&amp;envoyer un message de test</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="209"/>
        <source>IMAP %1:%2 · SMTP %3:%4</source>
        <translation>IMAP %1:%2 · SMTP %3:%4</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="214"/>
        <source>&amp;Email address:</source>
        <translation>&amp;Adresse électronique :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="215"/>
        <source>e.g. firstname.lastname@ac-reunion.fr</source>
        <translation>ex. : prenom.nom@ac-reunion.fr</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="217"/>
        <source>Application pass&amp;word:</source>
        <translation>Mot de passe d&apos;a&amp;pplication :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="227"/>
        <source>This looks like a usual password (chosen by a person), not like an application password generated by the webmail: the national messagerie will refuse it.</source>
        <translation>Ceci ressemble à un mot de passe habituel (choisi par une personne), pas à un mot de passe d&apos;application généré par la messagerie web : la messagerie nationale le refusera.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="230"/>
        <source>This looks like a generated application password.</source>
        <translation>Ceci ressemble à un mot de passe d&apos;application généré.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="239"/>
        <source>Checking the connection</source>
        <translation>Vérification de la connexion</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="249"/>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="249"/>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="427"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="262"/>
        <source>Select a check to see what was sent and received.</source>
        <translation>Sélectionnez un contrôle pour voir ce qui a été envoyé et reçu.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="274"/>
        <source>&amp;Run again</source>
        <translation>&amp;Relancer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="275"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="313"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="321"/>
        <source>Checking…</source>
        <translation>Vérification en cours…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="339"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="350"/>
        <source>In progress…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="384"/>
        <source>What to do: %1</source>
        <translation>À faire : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="389"/>
        <source>Duration: %1 ms</source>
        <translation>Durée : %1 ms</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="404"/>
        <source>Done in %1 s: %2</source>
        <translation>Terminé en %1 s : %2</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="419"/>
        <source>The diagnostics stopped unexpectedly (%1).</source>
        <translation>Le diagnostic s&apos;est arrêté de façon inattendue (%1).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="445"/>
        <source>What to do</source>
        <translation>Que faire ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="462"/>
        <source>Checks that need attention</source>
        <translation>Contrôles à regarder</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="476"/>
        <source>Show my identifiant in the report</source>
        <translation>Afficher mon identifiant dans le rapport</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="479"/>
        <source>&amp;Copy the report</source>
        <translation>&amp;Copier le rapport</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="480"/>
        <source>&amp;Save the report…</source>
        <translation>Enregi&amp;strer le rapport…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="486"/>
        <source>The report never contains your password or PassCode.</source>
        <translation>Le rapport ne contient jamais votre mot de passe ni votre PassCode.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="500"/>
        <source>Code: %1</source>
        <translation>Code : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="511"/>
        <source>%1 checks OK, %2 warnings, %3 failures, %4 not run (%5 s).</source>
        <translation>Réussis : %1 · avertissements : %2 · échecs : %3 · non effectués : %4 (%5 s).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="526"/>
        <source>Report copied: paste it in your message to the support centre.</source>
        <translation>Rapport copié : collez-le dans votre message au centre de support.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="529"/>
        <source>Save the report</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="531"/>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/diagnostics_wizard.py" line="537"/>
        <source>Report saved to %1.</source>
        <translation>Rapport enregistré dans %1.</translation>
    </message>
</context>
<context>
    <name>DiscoveryDialog</name>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="62"/>
        <source>Another mail address</source>
        <translation>Autre adresse de messagerie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="63"/>
        <source>AcMail looks for the mail servers of this address: first the settings published by its domain, then DNS records, then (if you agree) the usual server names. No outside service is asked.</source>
        <translation>AcMail cherche les serveurs de messagerie de cette adresse : d&apos;abord les réglages publiés par son domaine, puis les enregistrements DNS, puis (si vous l&apos;acceptez) les noms de serveurs habituels. Aucun service extérieur n&apos;est interrogé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="67"/>
        <source>Sending server</source>
        <translation>Serveur d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="68"/>
        <source>The sending (SMTP) server of this mail system is not published. AcMail looks for it for your address: first the settings published by its domain, then DNS records, then (if you agree) the usual server names. No outside service is asked.</source>
        <translation>Le serveur d&apos;envoi (SMTP) de cette messagerie n&apos;est pas publié. AcMail le cherche pour votre adresse : d&apos;abord les réglages publiés par son domaine, puis les enregistrements DNS, puis (si vous l&apos;acceptez) les noms de serveurs habituels. Aucun service extérieur n&apos;est interrogé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="76"/>
        <source>E-mail address</source>
        <translation>Adresse électronique</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="80"/>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="94"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="94"/>
        <source>Tried</source>
        <translation>Essai</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="94"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="96"/>
        <source>How the settings were looked for</source>
        <translation>Comment les réglages ont été recherchés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="102"/>
        <source>&amp;Try the usual server names</source>
        <translation>&amp;Essayer les noms de serveurs habituels</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="108"/>
        <source>&amp;Use these settings</source>
        <translation>&amp;Utiliser ces réglages</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="117"/>
        <source>domain&apos;s settings file</source>
        <translation>fichier de réglages du domaine</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="117"/>
        <source>DNS records (SRV)</source>
        <translation>enregistrements DNS (SRV)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="118"/>
        <source>usual server names</source>
        <translation>noms de serveurs habituels</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="121"/>
        <source>found</source>
        <translation>trouvé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="121"/>
        <source>not found</source>
        <translation>introuvable</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="121"/>
        <source>refused</source>
        <translation>refusé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="122"/>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="122"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="123"/>
        <source>not needed</source>
        <translation>inutile</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="128"/>
        <source>Type a full e-mail address.</source>
        <translation>Saisissez une adresse électronique complète.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="152"/>
        <source>Looking for the servers of %1…</source>
        <translation>Recherche des serveurs de %1…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="173"/>
        <source>Nothing found in the domain&apos;s settings or DNS records. AcMail can try the usual server names (%1) by connecting to each. Try them?</source>
        <translation>Rien trouvé dans les réglages du domaine ni dans les enregistrements DNS. AcMail peut essayer les noms de serveurs habituels (%1) en se connectant à chacun. Les essayer ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="184"/>
        <source>No settings were found for this address. Ask its provider for the IMAP and SMTP server names.</source>
        <translation>Aucun réglage n&apos;a été trouvé pour cette adresse. Demandez à son fournisseur les noms des serveurs IMAP et SMTP.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="189"/>
        <source>Found with the %1: sending %2:%3. Not confirmed by the ministry: it is kept as unverified, and can be changed in the settings.</source>
        <translation>Trouvé (%1) : envoi %2:%3. Non confirmé par le ministère : il est conservé comme non vérifié et peut être modifié dans les paramètres.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="195"/>
        <source>Found with the %1: receiving %2:%3, sending %4:%5.</source>
        <translation>Trouvé (%1) : réception %2:%3, envoi %4:%5.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/discovery_dialog.py" line="199"/>
        <source>These servers were guessed: check them with your provider if in doubt.</source>
        <translation>Ces serveurs ont été devinés : en cas de doute, vérifiez-les auprès de votre fournisseur.</translation>
    </message>
</context>
<context>
    <name>DraftingForm</name>
    <message>
        <location filename="../../acmail_desktop/ui/compose_drafts.py" line="105"/>
        <source>Draft saved.</source>
        <translation>Brouillon enregistré.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/compose_drafts.py" line="109"/>
        <source>The draft could not be saved on the server.</source>
        <translation>Le brouillon n’a pas pu être enregistré sur le serveur.</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="433"/>
        <source>your académie&apos;s support desk</source>
        <translation>l&apos;assistance de votre académie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="435"/>
        <source>the support desk (%1)</source>
        <translation>l&apos;assistance (%1)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="119"/>
        <source>Application password required</source>
        <translation>Mot de passe d&apos;application nécessaire</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="69"/>
        <source>PassCode rejected</source>
        <extracomment>(context, English source) → the text to show; `untranslated` when no translation is wanted.</extracomment>
        <translation>PassCode refusé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="70"/>
        <source>The PIN or the code shown by your token was not accepted. A code works only once and is valid for about one minute.</source>
        <translation>Le code PIN ou le code affiché par votre token n&apos;a pas été accepté. Un code ne sert qu&apos;une fois et n&apos;est valable qu&apos;environ une minute.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="72"/>
        <source>Wait for the next code on your token, then enter your PIN and that new code.</source>
        <translation>Attendez le code suivant sur votre token, puis saisissez votre PIN et ce nouveau code.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="77"/>
        <source>New PassCode needed</source>
        <translation>Nouveau PassCode nécessaire</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="78"/>
        <source>The connection has to be re-established and a PassCode works only once.</source>
        <translation>La connexion doit être rétablie et un PassCode ne peut servir qu&apos;une fois.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="79"/>
        <source>Enter your PIN and the code currently shown by your token.</source>
        <translation>Saisissez votre PIN et le code actuellement affiché par votre token.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="87"/>
        <source>Account locked</source>
        <translation>Compte bloqué</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="88"/>
        <source>The server says your account is locked, usually after several wrong passwords.</source>
        <translation>Le serveur indique que votre compte est bloqué, en général après plusieurs mots de passe erronés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="90"/>
        <source>Do not try again right away: wait until the lock expires or call %1.</source>
        <translation>N&apos;essayez pas de nouveau tout de suite : attendez la fin du blocage ou appelez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="94"/>
        <source>Password expired</source>
        <translation>Mot de passe expiré</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="95"/>
        <source>Your password has expired, or it is a temporary password that must be changed.</source>
        <translation>Votre mot de passe a expiré ou est un mot de passe provisoire qui doit être changé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="77"/>
        <source>Change it on the académie portal: %1</source>
        <translation>Changez-le sur le portail de l&apos;académie : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="97"/>
        <source>Change it on your académie&apos;s portal.</source>
        <translation>Changez-le sur le portail de votre académie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="101"/>
        <source>Password cannot be sent</source>
        <translation>Mot de passe non transmissible</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="102"/>
        <source>Your password or identifiant contains accented letters or symbols (é, ç, œ, €…) and this server offers no sign-in method that carries them.</source>
        <translation>Votre mot de passe ou votre identifiant contient des lettres accentuées ou des symboles (é, ç, œ, €…) et ce serveur ne propose aucune méthode de connexion qui les transmette.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="104"/>
        <source>Tell %1; meanwhile choose a password without accents or symbols on your académie&apos;s portal.</source>
        <translation>Prévenez %1 ; en attendant, choisissez sur le portail de l&apos;académie un mot de passe sans accent ni symbole.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="127"/>
        <source>Sending refused: credentials</source>
        <translation>Envoi refusé : identifiants</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="128"/>
        <source>The outgoing mail server did not accept your credentials.</source>
        <translation>Le serveur d&apos;envoi n&apos;a pas accepté vos identifiants.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="129"/>
        <source>Check your identifiant and your password.</source>
        <translation>Vérifiez votre identifiant et votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="109"/>
        <source>Wrong identifiant or password</source>
        <translation>Identifiant ou mot de passe incorrect</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="110"/>
        <source>The server rejected the identifiant or the password.</source>
        <translation>Le serveur a refusé l&apos;identifiant ou le mot de passe.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="111"/>
        <source>Check the identifiant (no spaces, lower case) and the password (capital letters, Caps Lock). After several failures the account may be locked.</source>
        <translation>Vérifiez l&apos;identifiant (sans espace, en minuscules) et le mot de passe (majuscules, verrouillage des majuscules). Après plusieurs échecs, le compte peut être bloqué.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="133"/>
        <source>Too many connections</source>
        <translation>Trop de connexions</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="134"/>
        <source>The server refuses one more connection for this account.</source>
        <translation>Le serveur refuse une connexion de plus pour ce compte.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="135"/>
        <source>Close the other mail programs open on this account, then try again.</source>
        <translation>Fermez les autres logiciels de messagerie ouverts sur ce compte, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="139"/>
        <source>Service unavailable</source>
        <translation>Service indisponible</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="140"/>
        <source>The mail server cannot sign you in at the moment.</source>
        <translation>Le serveur de messagerie ne peut pas vous connecter pour le moment.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="141"/>
        <source>Try again later or call %1.</source>
        <translation>Réessayez plus tard ou appelez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="144"/>
        <source>Insecure connection refused</source>
        <translation>Connexion non sécurisée refusée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="145"/>
        <location filename="../../acmail_desktop/core/catalogue.py" line="158"/>
        <source>The server did not offer an encrypted connection: AcMail never sends your password in clear text.</source>
        <translation>Le serveur n&apos;a pas proposé de connexion chiffrée : AcMail n&apos;envoie jamais votre mot de passe en clair.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="147"/>
        <location filename="../../acmail_desktop/core/catalogue.py" line="160"/>
        <location filename="../../acmail_desktop/core/catalogue.py" line="219"/>
        <source>Run the diagnostics and send the report to %1.</source>
        <translation>Lancez le diagnostic et transmettez le rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="163"/>
        <source>Certificate expired</source>
        <translation>Certificat expiré</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="164"/>
        <source>The server&apos;s certificate has expired. The connection was closed to protect your password.</source>
        <translation>Le certificat du serveur a expiré. La connexion a été interrompue pour protéger votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="166"/>
        <source>Check your computer&apos;s date, then tell %1.</source>
        <translation>Vérifiez la date de votre ordinateur, puis prévenez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="169"/>
        <source>Certificate not recognised</source>
        <translation>Certificat non reconnu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="170"/>
        <source>The server did not present a trusted certificate for this name. This may be network filtering or an interception attempt.</source>
        <translation>Le serveur n&apos;a pas présenté de certificat de confiance pour ce nom. Il peut s&apos;agir d&apos;un filtrage réseau ou d&apos;une tentative d&apos;interception.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="172"/>
        <location filename="../../acmail_desktop/core/catalogue.py" line="178"/>
        <source>Do not type your password anywhere else; run the diagnostics and tell %1.</source>
        <translation>Ne saisissez pas votre mot de passe ailleurs ; lancez le diagnostic et prévenez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="186"/>
        <source>Secure connection failed</source>
        <translation>Échec de la connexion sécurisée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="187"/>
        <source>The TLS negotiation with the server failed.</source>
        <translation>La négociation TLS avec le serveur a échoué.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="188"/>
        <source>Run the diagnostics.</source>
        <translation>Lancez le diagnostic.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="191"/>
        <source>Server not found</source>
        <translation>Serveur introuvable</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="192"/>
        <source>The mail server&apos;s name could not be resolved.</source>
        <translation>Le nom du serveur de messagerie n&apos;a pas pu être résolu.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="193"/>
        <source>Check your Internet connection and the académie you chose.</source>
        <translation>Vérifiez votre connexion à Internet et l&apos;académie choisie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="197"/>
        <source>Connection refused</source>
        <translation>Connexion refusée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="205"/>
        <source>The server is not responding</source>
        <translation>Le serveur ne répond pas</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="206"/>
        <source>No answer from the server within the time limit.</source>
        <translation>Aucune réponse du serveur dans le délai imparti.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="207"/>
        <source>Check your connection; a firewall may be blocking email.</source>
        <translation>Vérifiez votre connexion ; un pare-feu bloque peut-être la messagerie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="211"/>
        <source>No network</source>
        <translation>Pas de réseau</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="212"/>
        <source>This computer is not connected to the network.</source>
        <translation>Cet ordinateur n&apos;est pas connecté au réseau.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="213"/>
        <source>Check the Wi-Fi or the network cable.</source>
        <translation>Vérifiez le Wi-Fi ou le câble réseau.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="149"/>
        <source>Connection refused for your safety</source>
        <translation>Connexion refusée par sécurité</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="150"/>
        <source>The server opened a session without asking for your password (PREAUTH). A genuine mail server never does this: the connection may have been diverted. Nothing was sent.</source>
        <translation>Le serveur a ouvert une session sans demander votre mot de passe (PREAUTH). Un vrai serveur de messagerie ne fait jamais cela : la connexion a peut-être été détournée. Rien n&apos;a été envoyé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="153"/>
        <source>Do not retry from this network; run the diagnostics and send the report to %1.</source>
        <translation>Ne réessayez pas depuis ce réseau ; lancez le diagnostic et envoyez le rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="216"/>
        <source>Unexpected server answer</source>
        <translation>Réponse inattendue du serveur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="217"/>
        <source>The server did not answer like a mail server should; AcMail stopped without sending your password.</source>
        <translation>Le serveur n&apos;a pas répondu comme un serveur de messagerie : AcMail s&apos;est arrêté sans envoyer votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="227"/>
        <source>Sending uncertain</source>
        <translation>Envoi incertain</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="228"/>
        <source>The connection was cut just after the message was handed to the server: it may have been sent. AcMail will not send it again on its own.</source>
        <translation>La connexion a été coupée juste après la remise du message au serveur : il a peut-être été envoyé. AcMail ne le renverra pas de lui-même.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="230"/>
        <source>Check with a recipient or in the webmail, then choose in the outbox: send again or mark as sent.</source>
        <translation>Vérifiez auprès d&apos;un destinataire ou dans le webmail, puis choisissez dans la boîte d&apos;envoi : renvoyer ou marquer comme envoyé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="233"/>
        <source>Sending limit reached</source>
        <translation>Limite d&apos;envoi atteinte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="234"/>
        <source>The server limits how many recipients you may write to per minute and per hour (each address counts, even in copy), to stop a hacked account from sending spam. The message is kept in the outbox.</source>
        <translation>Le serveur limite le nombre de destinataires auxquels vous pouvez écrire par minute et par heure (chaque adresse compte, même en copie), pour empêcher un compte piraté d&apos;envoyer du spam. Le message est conservé dans la boîte d&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="237"/>
        <source>AcMail will retry later on its own. For a large mailing, send it in several smaller batches or use a mailing list.</source>
        <translation>AcMail réessaiera plus tard de lui-même. Pour un envoi à beaucoup de personnes, envoyez-le en plusieurs fois ou utilisez une liste de diffusion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="240"/>
        <source>Too many recipients</source>
        <translation>Trop de destinataires</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="241"/>
        <source>The server accepts only a limited number of recipients for one message. Nothing was sent.</source>
        <translation>Le serveur n&apos;accepte qu&apos;un nombre limité de destinataires par message. Rien n&apos;a été envoyé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="243"/>
        <source>Split the recipients into several messages, or use a mailing list.</source>
        <translation>Répartissez les destinataires sur plusieurs messages, ou utilisez une liste de diffusion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="246"/>
        <source>Sending postponed</source>
        <translation>Envoi différé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="247"/>
        <source>The server asked to try again later (sending limit or temporary problem). The message is kept in the outbox.</source>
        <translation>Le serveur demande de réessayer plus tard (limite d&apos;envoi ou problème passager). Le message est conservé dans la boîte d&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="249"/>
        <source>AcMail will retry automatically; you can follow it in the outbox.</source>
        <translation>AcMail réessaiera automatiquement ; vous pouvez suivre l&apos;envoi dans la boîte d&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="252"/>
        <source>Message too large</source>
        <translation>Message trop volumineux</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="253"/>
        <source>The message with its attachments is larger than the server accepts.</source>
        <translation>Le message et ses pièces jointes dépassent la taille acceptée par le serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="254"/>
        <source>Remove or shrink attachments, or share large files through your académie&apos;s file-sharing service.</source>
        <translation>Retirez ou réduisez des pièces jointes, ou partagez les gros fichiers par le service de dépôt de fichiers de votre académie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="82"/>
        <source>Sending connection expired</source>
        <translation>Connexion d&apos;envoi expirée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="74"/>
        <source>Wait for the next code on the token, then enter your PIN and that new code. If it happens again, call %1.</source>
        <translation>Attendez le code suivant sur le token, puis saisissez votre PIN et ce nouveau code. Si cela se répète, appelez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="83"/>
        <source>The sending connection expired (the server closes it after a while, or the network changed). A PassCode works only once.</source>
        <translation>La connexion d&apos;envoi a expiré (le serveur la ferme au bout d&apos;un moment, ou le réseau a changé). Un PassCode ne sert qu&apos;une fois.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="85"/>
        <source>Type your PIN and a new code to send.</source>
        <translation>Saisissez votre code PIN et un nouveau code pour envoyer.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="91"/>
        <source>Do not try again for now: wait until the lock expires or call %1.</source>
        <translation>N&apos;essayez plus pour le moment : attendez la fin du blocage ou appelez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="98"/>
        <source>Change your password on the académie portal%2, then sign in again.</source>
        <translation>Changez votre mot de passe sur le portail de l&apos;académie%2, puis reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="106"/>
        <source>Send this report to %1; meanwhile choose a password without accents or symbols on the académie portal%2.</source>
        <translation>Transmettez ce rapport à %1 ; en attendant, choisissez sur le portail de l&apos;académie%2 un mot de passe sans accent ni symbole.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="113"/>
        <source>Check the identifiant and the password (capital letters, Caps Lock). Forgotten password: reset it on the académie portal%2. Beware, several failures lock the account.</source>
        <translation>Vérifiez l&apos;identifiant et le mot de passe (majuscules, verrouillage des majuscules). Mot de passe oublié : réinitialisez-le sur le portail de l&apos;académie%2. Attention, plusieurs échecs bloquent le compte.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="120"/>
        <source>The national messagerie refused the address or the password. It does not accept your usual password (nor a PassCode) in a mail program: it wants your full e-mail address and an application password created for this computer.</source>
        <translation>La messagerie nationale a refusé l&apos;adresse ou le mot de passe. Elle n&apos;accepte pas votre mot de passe habituel (ni un PassCode) dans un logiciel de messagerie : elle demande votre adresse électronique complète et un mot de passe d&apos;application créé pour cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="123"/>
        <source>In the national messagerie&apos;s webmail: Préférences → Mots de passe sécurisés → Créer…, then type the generated password with your full address. One attempt only was made; do not retry in a loop, several failures lock the account.</source>
        <translation>Dans la messagerie web de la messagerie nationale : Préférences → Mots de passe sécurisés → Créer…, puis saisissez le mot de passe généré avec votre adresse complète. Une seule tentative a été faite ; ne réessayez pas en boucle, plusieurs échecs bloquent le compte.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="130"/>
        <source>Check the identifiant and the password; if receiving works, send this report to %1.</source>
        <translation>Vérifiez l&apos;identifiant et le mot de passe ; si la réception fonctionne, transmettez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="136"/>
        <source>Close the other mail programs open on this account (phone, other computer), wait a few minutes and try again.</source>
        <translation>Fermez les autres logiciels de messagerie ouverts sur ce compte (téléphone, autre ordinateur), attendez quelques minutes et réessayez.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="142"/>
        <source>Try again in 15 minutes; if it persists, call %1.</source>
        <translation>Réessayez dans 15 minutes ; si cela persiste, appelez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="157"/>
        <source>Encrypted connection not offered</source>
        <translation>Connexion chiffrée non proposée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="161"/>
        <source>Check the académie profile; send this report to %1.</source>
        <translation>Vérifiez le profil de l&apos;académie ; transmettez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="167"/>
        <source>Check the computer&apos;s date and time, then tell %1.</source>
        <translation>Vérifiez la date et l&apos;heure de l&apos;ordinateur, puis prévenez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="173"/>
        <source>Do not type your password anywhere else; send this report to %1.</source>
        <translation>Ne saisissez votre mot de passe nulle part ailleurs ; transmettez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="175"/>
        <source>Certificate of another server</source>
        <translation>Certificat d&apos;un autre serveur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="176"/>
        <source>The certificate presented does not match the name of the server asked for.</source>
        <translation>Le certificat présenté ne correspond pas au nom du serveur demandé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="179"/>
        <source>Check the académie chosen; do not go on, and tell %1.</source>
        <translation>Vérifiez l&apos;académie choisie ; ne continuez pas et prévenez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="181"/>
        <source>Obsolete encryption</source>
        <translation>Chiffrement obsolète</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="182"/>
        <source>The server only offers a TLS version that is too old (below 1.2, or below the minimum set by the administrator).</source>
        <translation>Le serveur ne propose qu&apos;une version de TLS trop ancienne (inférieure à 1.2, ou au minimum imposé par l&apos;administrateur).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="184"/>
        <source>AcMail refuses this connection for your safety; tell %1.</source>
        <translation>AcMail refuse cette connexion pour votre sécurité ; prévenez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="189"/>
        <location filename="../../acmail_desktop/core/catalogue.py" line="220"/>
        <source>Send this report to %1.</source>
        <translation>Transmettez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="194"/>
        <source>Check the académie chosen and the Internet connection; if other sites work, call %1.</source>
        <translation>Vérifiez l&apos;académie choisie et la connexion à Internet ; si d&apos;autres sites fonctionnent, appelez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="198"/>
        <source>The mail server refuses the connection on its port: most often the service is stopped or under maintenance; more rarely a firewall refuses it.</source>
        <translation>Le serveur de messagerie refuse la connexion sur son port : le plus souvent, le service est arrêté ou en maintenance ; plus rarement, un pare-feu la refuse.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="202"/>
        <source>Try again in a few minutes; if it persists, send this report to %1 (the details say whether another port answers).</source>
        <translation>Réessayez dans quelques minutes ; si cela persiste, transmettez ce rapport à %1 (le détail indique si un autre port répond).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="208"/>
        <source>Try again in a few minutes; if it persists, try another network or send this report to %1.</source>
        <translation>Réessayez dans quelques minutes ; si cela persiste, essayez un autre réseau ou transmettez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="214"/>
        <source>Check the Wi-Fi or the network cable, then run the diagnostics again.</source>
        <translation>Vérifiez le Wi-Fi ou le câble réseau, puis relancez le diagnostic.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="257"/>
        <source>Recipient refused</source>
        <translation>Destinataire refusé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="258"/>
        <source>The server refused one of the recipients.</source>
        <translation>Le serveur a refusé l&apos;un des destinataires.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="259"/>
        <source>Nothing was sent. Correct or remove the address, then send again.</source>
        <translation>Rien n&apos;a été envoyé. Corrigez ou retirez l&apos;adresse, puis renvoyez.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="264"/>
        <source>Message refused</source>
        <translation>Message refusé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="265"/>
        <source>The sending server refused the message or one of its recipients.</source>
        <translation>Le serveur d&apos;envoi a refusé le message ou l&apos;un de ses destinataires.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="266"/>
        <source>Check the addresses; the server&apos;s answer is shown below.</source>
        <translation>Vérifiez les adresses ; la réponse du serveur est indiquée ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="269"/>
        <source>Sending blocked</source>
        <translation>Envoi bloqué</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="270"/>
        <source>The sending server (SMTP) cannot be reached or refuses to send: the school&apos;s network may be blocking the sending ports.</source>
        <translation>Le serveur d&apos;envoi (SMTP) est injoignable ou refuse l&apos;envoi : le réseau de l&apos;établissement bloque peut-être les ports d&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="272"/>
        <source>Try from another network; otherwise send the diagnostics report to %1.</source>
        <translation>Essayez depuis un autre réseau ; sinon transmettez le rapport du diagnostic à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="273"/>
        <source>Try from another network; otherwise send this report to %1.</source>
        <translation>Essayez depuis un autre réseau ; sinon transmettez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="276"/>
        <source>Mailbox full</source>
        <translation>Boîte aux lettres pleine</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="277"/>
        <source>Your mailbox has reached its size limit: new mail may be refused.</source>
        <translation>Votre boîte aux lettres a atteint sa taille maximale : les nouveaux messages risquent d&apos;être refusés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="278"/>
        <source>Delete old messages with large attachments and empty the Trash.</source>
        <translation>Supprimez d&apos;anciens messages avec de grosses pièces jointes et videz la corbeille.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="279"/>
        <source>Delete large messages and empty the Trash, or ask %1 for more space.</source>
        <translation>Supprimez des messages volumineux et videz la corbeille, ou demandez plus d&apos;espace à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="282"/>
        <source>No Trash folder</source>
        <translation>Pas de dossier Corbeille</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="283"/>
        <source>This account has no Trash folder: deleting would erase the messages for good. Nothing was deleted.</source>
        <translation>Ce compte n’a pas de dossier Corbeille : supprimer effacerait les messages définitivement. Rien n’a été supprimé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="285"/>
        <source>Choose the Trash folder (right-click a folder), or confirm that the messages must be erased.</source>
        <translation>Choisissez le dossier Corbeille (clic droit sur un dossier), ou confirmez que les messages doivent être effacés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="288"/>
        <source>Folder is read-only</source>
        <translation>Dossier en lecture seule</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="289"/>
        <source>The server opens this folder read-only: the change was not made.</source>
        <translation>Le serveur ouvre ce dossier en lecture seule : la modification n’a pas été faite.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="290"/>
        <source>Ask the folder&apos;s owner or %1 for write access.</source>
        <translation>Demandez l’accès en écriture au propriétaire du dossier ou à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="292"/>
        <source>Change not made</source>
        <translation>Modification non effectuée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="293"/>
        <source>The server did not apply the change; the list shows the messages as they are on the server.</source>
        <translation>Le serveur n’a pas appliqué la modification ; la liste montre les messages tels qu’ils sont sur le serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="298"/>
        <source>Invalid field</source>
        <translation>Champ incorrect</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="299"/>
        <source>A recipient, the subject or an attachment name contains a line break or an ambiguous address.</source>
        <translation>Un destinataire, l&apos;objet ou le nom d&apos;une pièce jointe contient un retour à la ligne ou une adresse ambiguë.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="301"/>
        <source>Correct the highlighted field.</source>
        <translation>Corrigez le champ signalé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="303"/>
        <source>Adding accounts is not allowed</source>
        <translation>Ajout de comptes non autorisé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="304"/>
        <source>On this computer the administrator does not allow adding mail accounts.</source>
        <translation>Sur cet ordinateur, l&apos;administrateur n&apos;autorise pas l&apos;ajout de comptes de messagerie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="306"/>
        <source>Use the accounts already listed, or ask %1.</source>
        <translation>Utilisez les comptes déjà proposés, ou adressez-vous à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="308"/>
        <source>Address outside the académies</source>
        <translation>Adresse hors des académies</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="309"/>
        <source>On this computer only académie addresses may be added (the domains of the académie profiles).</source>
        <translation>Sur cet ordinateur, seules les adresses académiques peuvent être ajoutées (les domaines des profils d&apos;académie).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="311"/>
        <source>Check the address, or ask %1.</source>
        <translation>Vérifiez l&apos;adresse, ou adressez-vous à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="313"/>
        <source>AcMail is already open</source>
        <translation>AcMail est déjà ouvert</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="314"/>
        <source>Another AcMail window uses this profile.</source>
        <translation>Une autre fenêtre d&apos;AcMail utilise déjà ce profil.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="315"/>
        <source>Switch to the AcMail window already open, or close it first.</source>
        <translation>Revenez à la fenêtre d&apos;AcMail déjà ouverte, ou fermez-la d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="318"/>
        <source>Private session unavailable</source>
        <translation>Session privée indisponible</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="319"/>
        <source>On this shared computer AcMail could not prepare its private temporary folder.</source>
        <translation>Sur ce poste partagé, AcMail n&apos;a pas pu préparer son dossier temporaire privé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="321"/>
        <location filename="../../acmail_desktop/core/catalogue.py" line="326"/>
        <source>Tell the computer&apos;s administrator.</source>
        <translation>Prévenez l&apos;administrateur de l&apos;ordinateur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="323"/>
        <source>Administrator settings refused</source>
        <translation>Réglages de l&apos;administrateur refusés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="324"/>
        <source>The settings file installed by the administrator is invalid: AcMail runs in its safest mode (nothing stored).</source>
        <translation>Le fichier de réglages installé par l&apos;administrateur est invalide : AcMail fonctionne dans son mode le plus sûr (rien n&apos;est conservé).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="328"/>
        <source>Attachment not saved</source>
        <translation>Pièce jointe non enregistrée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="329"/>
        <source>The attachment could not be written to the chosen folder.</source>
        <translation>La pièce jointe n&apos;a pas pu être écrite dans le dossier choisi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="330"/>
        <source>Choose another folder, or check that it is not full or read-only.</source>
        <translation>Choisissez un autre dossier, ou vérifiez qu&apos;il n&apos;est ni plein ni en lecture seule.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="333"/>
        <source>Settings not found</source>
        <translation>Réglages introuvables</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="334"/>
        <source>AcMail could not find the mail servers of this address automatically.</source>
        <translation>AcMail n&apos;a pas pu trouver automatiquement les serveurs de messagerie de cette adresse.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="335"/>
        <source>Choose your académie in the list, or ask %1 for the server names.</source>
        <translation>Choisissez votre académie dans la liste, ou demandez les noms des serveurs à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="337"/>
        <source>Sending server not found</source>
        <translation>Serveur d&apos;envoi introuvable</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="338"/>
        <source>AcMail could not find the sending (SMTP) server of this address. Receiving mail works; messages wait in the outbox until a sending server is set.</source>
        <translation>AcMail n&apos;a pas trouvé le serveur d&apos;envoi (SMTP) de cette adresse. La réception fonctionne ; les messages attendent dans la boîte d&apos;envoi jusqu&apos;à ce qu&apos;un serveur d&apos;envoi soit indiqué.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="344"/>
        <source>Setting locked</source>
        <translation>Réglage verrouillé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="345"/>
        <source>This setting is locked by the administrator of this computer.</source>
        <translation>Ce réglage est verrouillé par l&apos;administrateur de cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="348"/>
        <source>Académie profile problem</source>
        <translation>Problème de profil d&apos;académie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="349"/>
        <source>A settings or académie profile file is invalid or missing.</source>
        <translation>Un fichier de réglages ou de profil d&apos;académie est invalide ou manquant.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="350"/>
        <source>Tell the computer&apos;s administrator; the technical details are in the log.</source>
        <translation>Prévenez l&apos;administrateur de l&apos;ordinateur ; le détail technique figure dans le journal.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="353"/>
        <source>Local cache problem</source>
        <translation>Problème de cache local</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="354"/>
        <source>AcMail could not read or write its local copy of your mail; nothing is lost on the server.</source>
        <translation>AcMail n&apos;a pas pu lire ou écrire sa copie locale de votre messagerie ; rien n&apos;est perdu sur le serveur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="356"/>
        <source>Close and reopen AcMail; the cache is rebuilt if needed.</source>
        <translation>Fermez puis rouvrez AcMail ; le cache sera reconstruit si nécessaire.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="380"/>
        <source>Everything works</source>
        <translation>Tout fonctionne</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="381"/>
        <source>The académie&apos;s servers answer and every check passed.</source>
        <translation>Les serveurs de l&apos;académie répondent et tous les contrôles ont réussi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="382"/>
        <source>You can sign in. If a problem persists, send this report to %1.</source>
        <translation>Vous pouvez vous connecter. Si un problème persiste, envoyez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="384"/>
        <source>The servers answer</source>
        <translation>Les serveurs répondent</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="385"/>
        <source>The académie&apos;s servers answer and the checks made passed; your identifiant and your password were not tested.</source>
        <translation>Les serveurs de l&apos;académie répondent et les contrôles effectués ont réussi ; votre identifiant et votre mot de passe n&apos;ont pas été testés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="387"/>
        <source>To check them too, tick “Also test my password” and run again. If a problem persists, send this report to %1.</source>
        <translation>Pour les vérifier aussi, cochez « Tester aussi mon mot de passe » et relancez. Si un problème persiste, envoyez ce rapport à %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="390"/>
        <source>Identifiant mistyped</source>
        <translation>Identifiant mal saisi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="391"/>
        <source>The identifiant typed does not have the expected form (e-mail address instead of the identifiant, a space, an accent…).</source>
        <translation>L&apos;identifiant saisi n&apos;a pas la forme attendue (adresse e-mail au lieu de l&apos;identifiant, espace, accent…).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="393"/>
        <source>Correct the identifiant: the first name&apos;s initial followed by the surname, in lower case, without spaces (e.g. fdurand), then run the diagnostics again.</source>
        <translation>Corrigez l&apos;identifiant : l&apos;initiale du prénom suivie du nom, en minuscules, sans espace (ex. : fdurand), puis relancez le diagnostic.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="396"/>
        <source>Password or PassCode missing</source>
        <translation>Mot de passe ou PassCode manquant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="397"/>
        <source>The password is empty, or the PassCode is not a PIN followed by 6 digits.</source>
        <translation>Le mot de passe est vide, ou le PassCode n&apos;a pas la forme PIN + 6 chiffres.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="398"/>
        <source>Type your password, or your PIN followed by the token&apos;s 6-digit code.</source>
        <translation>Saisissez votre mot de passe, ou votre PIN suivi du code à 6 chiffres du token.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="400"/>
        <source>Computer clock off</source>
        <translation>Horloge de l&apos;ordinateur décalée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="401"/>
        <source>This computer&apos;s time differs from the server&apos;s by more than 30 seconds: one-time codes and certificates may be refused.</source>
        <translation>L&apos;heure de cet ordinateur diffère de plus de 30 secondes de celle du serveur : les codes à usage unique et les certificats peuvent être refusés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="403"/>
        <source>Set the computer&apos;s date and time (automatic setting), then run the diagnostics again.</source>
        <translation>Réglez la date et l&apos;heure de l&apos;ordinateur (réglage automatique), puis relancez le diagnostic.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="406"/>
        <source>Diagnostics interrupted</source>
        <translation>Diagnostic interrompu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="407"/>
        <source>The diagnostics were cancelled before the end.</source>
        <translation>Le diagnostic a été annulé avant la fin.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="408"/>
        <source>Run the diagnostics again to get a result.</source>
        <translation>Relancez le diagnostic pour obtenir un résultat.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="423"/>
        <source>Do not try again for %3 minutes, then sign in again; if the lock persists, call %1.</source>
        <extracomment>Codes shown with another code&apos;s entry: cases the user cannot tell apart, or a sub-case. Account lock with the server&apos;s duration (report only): %3 = minutes, %1 = support.</extracomment>
        <translation>N&apos;essayez plus pendant %3 minutes, puis reconnectez-vous ; si le blocage persiste, appelez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="222"/>
        <source>Connection lost</source>
        <translation>Connexion perdue</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="223"/>
        <source>The connection to the server was interrupted.</source>
        <translation>La connexion au serveur a été interrompue.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="50"/>
        <source>Webmail: %1</source>
        <translation>Messagerie web : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="116"/>
        <source>The address %1 is refused for the moment (%2).</source>
        <translation>L&apos;adresse %1 est refusée pour le moment (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="118"/>
        <source>The address %1 does not exist (%2).</source>
        <translation>L&apos;adresse %1 n&apos;existe pas (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="120"/>
        <source>The domain of the address %1 does not exist (%2).</source>
        <translation>Le domaine de l&apos;adresse %1 n&apos;existe pas (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="122"/>
        <source>The mailbox of %1 is full (%2).</source>
        <translation>La boîte de %1 est pleine (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="124"/>
        <source>The server does not allow sending to %1 (%2).</source>
        <translation>Le serveur n&apos;autorise pas l&apos;envoi à %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="126"/>
        <source>The server refused the address %1 (%2).</source>
        <translation>Le serveur a refusé l&apos;adresse %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="224"/>
        <location filename="../../acmail_desktop/core/catalogue.py" line="295"/>
        <source>Try again in a moment.</source>
        <translation>Réessayez dans un instant.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="200"/>
        <source>The mail server may be stopped or under maintenance: try again in a few minutes. If it persists, run the diagnostics.</source>
        <translation>Le serveur de messagerie est peut-être arrêté ou en maintenance : réessayez dans quelques minutes. Si cela persiste, lancez le diagnostic.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="340"/>
        <source>Type the sending server in Tools › Settings, Account tab (ask %1 for its name); the profile&apos;s guess is offered there, marked as a guess.</source>
        <translation>Saisissez le serveur d&apos;envoi dans Outils › Paramètres, onglet Compte (demandez son nom à %1) ; la supposition du profil y est proposée, indiquée comme telle.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="359"/>
        <source>Keyring unavailable</source>
        <translation>Trousseau indisponible</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="360"/>
        <source>No secure keyring is available: the password will not be remembered.</source>
        <translation>Aucun trousseau sécurisé n&apos;est disponible : le mot de passe ne sera pas mémorisé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="361"/>
        <source>You will have to type it each time you sign in.</source>
        <translation>Vous devrez le saisir à chaque connexion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="363"/>
        <source>Connection cancelled</source>
        <translation>Connexion annulée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="364"/>
        <source>The connection was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="366"/>
        <source>Invalid address</source>
        <translation>Adresse incorrecte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="367"/>
        <source>An address is not written correctly.</source>
        <translation>Une adresse n&apos;est pas écrite correctement.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="368"/>
        <source>Use the form prenom.nom@ac-academie.fr, one address per recipient, separated by commas.</source>
        <translation>Utilisez la forme prenom.nom@ac-academie.fr, une adresse par destinataire, séparées par des virgules.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="372"/>
        <source>Incomplete entry</source>
        <translation>Saisie incomplète</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="373"/>
        <source>Check the fields of the form.</source>
        <translation>Vérifiez les champs du formulaire.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="375"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="376"/>
        <source>An unexpected error occurred (%1).</source>
        <translation>Une erreur inattendue s&apos;est produite (%1).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/core/catalogue.py" line="377"/>
        <source>Run the diagnostics or contact %1.</source>
        <translation>Lancez le diagnostic ou contactez %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/catalogue.py" line="83"/>
        <source>Message from the server: %1</source>
        <translation>Message du serveur : %1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="46"/>
        <source>Welcome to AcMail</source>
        <translation>Bienvenue dans AcMail</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="49"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="88"/>
        <source>Your académie</source>
        <translation>Votre académie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="89"/>
        <source>AcMail connects to the mail servers of your académie. Choose it below.</source>
        <translation>AcMail se connecte aux serveurs de messagerie de votre académie. Choisissez-la ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="91"/>
        <source>Académie</source>
        <translation>Académie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="101"/>
        <source>Messagerie académique (former)</source>
        <translation>Messagerie académique (ancienne)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="102"/>
        <source>Messagerie nationale</source>
        <translation>Messagerie nationale</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="113"/>
        <source>Mail system:</source>
        <translation>Messagerie :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="115"/>
        <source>Académie:</source>
        <translation>Académie :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="151"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="175"/>
        <source>Your identifiant</source>
        <translation>Votre identifiant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="151"/>
        <source>Your email address</source>
        <translation>Votre adresse électronique</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="153"/>
        <source>The national messagerie signs in with your full email address (firstname.lastname@ac-….fr).</source>
        <translation>La messagerie nationale se connecte avec votre adresse électronique complète (prenom.nom@ac-….fr).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="155"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="176"/>
        <source>The identifiant is usually the initial of your first name followed by your surname (for example fdurand), not your e-mail address.</source>
        <translation>L&apos;identifiant est en général l&apos;initiale de votre prénom suivie de votre nom (par exemple fdurand), pas votre adresse électronique.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="157"/>
        <source>Email address:</source>
        <translation>Adresse électronique :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="158"/>
        <source>Your application password</source>
        <translation>Votre mot de passe d&apos;application</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="161"/>
        <source>Not your usual password: create an application password in the webmail (Préférences → Mots de passe sécurisés → Créer…) and paste it here.</source>
        <translation>Pas votre mot de passe habituel : créez un mot de passe d&apos;application dans la messagerie web (Préférences → Mots de passe sécurisés → Créer…) et collez-le ici.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="165"/>
        <source>Application password:</source>
        <translation>Mot de passe d&apos;application :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="180"/>
        <source>Identifiant</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="157"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="189"/>
        <source>Identifiant:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="159"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="199"/>
        <source>How do you sign in?</source>
        <translation>Comment vous connectez-vous ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="163"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="200"/>
        <source>With your password, or with a PassCode OTP: your PIN followed by the 6-digit code shown by your token.</source>
        <translation>Avec votre mot de passe, ou avec un PassCode OTP : votre code PIN suivi du code à 6 chiffres affiché par votre token.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="202"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="210"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="203"/>
        <source>PassCode OTP</source>
        <translation>PassCode OTP</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="213"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="215"/>
        <source>6-digit code of the token</source>
        <translation>Code à 6 chiffres du token</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="216"/>
        <source>Remember my password on this computer</source>
        <translation>Mémoriser mon mot de passe sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="165"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="231"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="232"/>
        <source>PassCode:</source>
        <translation>PassCode :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/first_run.py" line="150"/>
        <location filename="../../acmail_desktop/ui/first_run.py" line="246"/>
        <source>Server: %1</source>
        <translation>Serveur : %1</translation>
    </message>
</context>
<context>
    <name>FolderPane</name>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="57"/>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="58"/>
        <source>Your mail folders, with the number of unread messages</source>
        <translation>Vos dossiers de courrier, avec le nombre de messages non lus</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="112"/>
        <source>New folder…</source>
        <translation>Nouveau dossier…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="114"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="115"/>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="183"/>
        <source>Delete folder</source>
        <translation>Supprimer le dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="119"/>
        <source>Manage subscriptions…</source>
        <translation>&amp;Gérer les abonnements…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="125"/>
        <source>Use as</source>
        <translation>Utiliser comme</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="146"/>
        <source>Folder %1 created.</source>
        <translation>Dossier %1 créé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="151"/>
        <source>Folder renamed.</source>
        <translation>Dossier renommé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="156"/>
        <source>Folder deleted.</source>
        <translation>Dossier supprimé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="160"/>
        <source>Subscriptions updated.</source>
        <translation>Abonnements mis à jour.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="167"/>
        <source>New folder</source>
        <translation>Nouveau dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="168"/>
        <source>Name of the new folder:</source>
        <translation>Nom du nouveau dossier :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="175"/>
        <source>Rename folder</source>
        <translation>Renommer le dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="175"/>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/folder_pane.py" line="184"/>
        <source>Delete the folder “%1” and every message in it? This cannot be undone.</source>
        <translation>Supprimer le dossier « %1 » et tous ses messages ? C&apos;est définitif.</translation>
    </message>
</context>
<context>
    <name>Folders</name>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="40"/>
        <source>Inbox</source>
        <translation>Boîte de réception</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="41"/>
        <source>Sent</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="42"/>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="43"/>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="44"/>
        <source>Junk</source>
        <translation>Indésirables</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="45"/>
        <source>Archive</source>
        <translation>Archives</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="236"/>
        <source>%1, 1 unread</source>
        <translation>%1, 1 non lu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="238"/>
        <source>%1, %2 unread</source>
        <translation>%1, %2 non lus</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/folders.py" line="241"/>
        <source>%1: %2 messages, %3 unread</source>
        <translation>%1 : %2 messages, %3 non lus</translation>
    </message>
</context>
<context>
    <name>FormattingBar</name>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="172"/>
        <source>Formatting</source>
        <translation>Mise en forme</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="194"/>
        <source>B</source>
        <comment>bold button</comment>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="194"/>
        <source>Bold</source>
        <translation>Gras</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="196"/>
        <source>I</source>
        <comment>italic button</comment>
        <translation>I</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="196"/>
        <source>Italic</source>
        <translation>Italique</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="198"/>
        <source>U</source>
        <comment>underline button</comment>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="198"/>
        <source>Underline</source>
        <translation>Souligné</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="201"/>
        <source>• List</source>
        <translation>• Liste</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="201"/>
        <source>Bulleted list</source>
        <translation>Liste à puces</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="203"/>
        <source>1. List</source>
        <translation>1. Liste</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="203"/>
        <source>Numbered list</source>
        <translation>Liste numérotée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="205"/>
        <source>❝ Quote</source>
        <translation>❝ Citation</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="205"/>
        <source>Quote</source>
        <translation>Citation</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="207"/>
        <source>Link…</source>
        <translation>Lien…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="207"/>
        <location filename="../../acmail_desktop/ui/richedit.py" line="292"/>
        <source>Insert a link</source>
        <translation>Insérer un lien</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="210"/>
        <source>Clear formatting</source>
        <translation>Effacer la mise en forme</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="293"/>
        <source>Address of the link (https://… or an e-mail address):</source>
        <translation>Adresse du lien (https://… ou une adresse électronique) :</translation>
    </message>
</context>
<context>
    <name>FreeSpaceWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="136"/>
        <location filename="../../acmail_desktop/ui/free_space.py" line="305"/>
        <source>Free space</source>
        <translation>Libérer de l&apos;espace</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="141"/>
        <source>The largest messages of every folder, and their attachments one by one. Archive them on this computer (the archive is checked before anything is deleted), or delete them; an attachment goes with its message.</source>
        <translation>Les plus gros messages de tous les dossiers, et leurs pièces jointes une par une. Archivez-les sur cet ordinateur (l&apos;archive est vérifiée avant toute suppression) ou supprimez-les ; une pièce jointe part avec son message.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="150"/>
        <location filename="../../acmail_desktop/ui/free_space.py" line="161"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="150"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="150"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="150"/>
        <location filename="../../acmail_desktop/ui/free_space.py" line="161"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="151"/>
        <location filename="../../acmail_desktop/ui/free_space.py" line="162"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="161"/>
        <source>Attachment</source>
        <translation>Pièce jointe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="167"/>
        <source>&amp;Messages</source>
        <translation>Messa&amp;ges</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="168"/>
        <source>A&amp;ttachments</source>
        <translation>&amp;Pièces jointes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="171"/>
        <source>Archive as .eml &amp;files…</source>
        <translation>Archiver en &amp;fichiers .eml…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="172"/>
        <source>Archive in an &amp;mbox file…</source>
        <translation>Archiver dans un fichier &amp;mbox…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="173"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="193"/>
        <source>Offline: only the messages known to this computer are listed.</source>
        <translation>Hors connexion : seuls les messages connus de cet ordinateur sont listés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="195"/>
        <source>Looking for large messages on the server…</source>
        <translation>Recherche des messages volumineux sur le serveur…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="205"/>
        <source>%n large message(s).</source>
        <translation>
            <numerusform>%n message volumineux.</numerusform>
            <numerusform>%n messages volumineux.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="209"/>
        <source>The server could not be asked: only the messages known to this computer are listed.</source>
        <translation>Le serveur n&apos;a pas pu être interrogé : seuls les messages connus de cet ordinateur sont listés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="232"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="240"/>
        <source>A&amp;ttachments (%1)</source>
        <translation>&amp;Pièces jointes (%1)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="265"/>
        <source>Select the messages to archive first.</source>
        <translation>Sélectionnez d&apos;abord les messages à archiver.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="269"/>
        <source>Folder for the archived messages</source>
        <translation>Dossier pour les messages archivés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="272"/>
        <source>Mbox file for the archived messages</source>
        <translation>Fichier mbox pour les messages archivés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="272"/>
        <source>Mbox files (*.mbox)</source>
        <translation>Fichiers mbox (*.mbox)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="278"/>
        <source>Archiving %n message(s)…</source>
        <translation>
            <numerusform>Archivage de %n message…</numerusform>
            <numerusform>Archivage de %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="294"/>
        <source>Nothing was archived: nothing will be deleted (%n message(s) could not be written or checked).</source>
        <translation>
            <numerusform>Rien n&apos;a été archivé : rien ne sera supprimé (%n message n&apos;a pas pu être écrit ou vérifié).</numerusform>
            <numerusform>Rien n&apos;a été archivé : rien ne sera supprimé (%n messages n&apos;ont pas pu être écrits ou vérifiés).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="297"/>
        <source>%n message(s) archived and checked by reading them back.</source>
        <translation>
            <numerusform>%n message archivé et vérifié par relecture.</numerusform>
            <numerusform>%n messages archivés et vérifiés par relecture.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="299"/>
        <source>%n could not be archived and stay on the server.</source>
        <translation>
            <numerusform>%n n&apos;a pas pu être archivé et reste sur le serveur.</numerusform>
            <numerusform>%n n&apos;ont pas pu être archivés et restent sur le serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="301"/>
        <source>Delete from the server the %n archived and checked message(s)?</source>
        <translation>
            <numerusform>Supprimer du serveur %n message archivé et vérifié ?</numerusform>
            <numerusform>Supprimer du serveur les %n messages archivés et vérifiés ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="312"/>
        <source>Delete for good %n message(s), without archiving them?</source>
        <translation>
            <numerusform>Supprimer définitivement %n message, sans l&apos;archiver ?</numerusform>
            <numerusform>Supprimer définitivement %n messages, sans les archiver ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/free_space.py" line="317"/>
        <source>%n message(s) deleted from the server.</source>
        <translation>
            <numerusform>%n message supprimé du serveur.</numerusform>
            <numerusform>%n messages supprimés du serveur.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="40"/>
        <source>AcMail — Help</source>
        <translation>AcMail — Aide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="50"/>
        <location filename="../../acmail_desktop/ui/help_window.py" line="51"/>
        <source>Search the help</source>
        <translation>Rechercher dans l&apos;aide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="55"/>
        <source>Help topics</source>
        <translation>Sujets d&apos;aide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="62"/>
        <source>No topic matches this search.</source>
        <translation>Aucun sujet ne correspond à cette recherche.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="74"/>
        <source>Help page</source>
        <translation>Page d&apos;aide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="169"/>
        <source>Password to evaluate (never sent or stored)</source>
        <translation>Mot de passe à évaluer (jamais envoyé ni enregistré)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="170"/>
        <source>Type a password to evaluate it</source>
        <translation>Tapez un mot de passe pour l&apos;évaluer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="180"/>
        <source>Open the password portal</source>
        <translation>Ouvrir le portail des mots de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="196"/>
        <source>very weak</source>
        <translation>très faible</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="196"/>
        <source>weak</source>
        <translation>faible</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="196"/>
        <source>fair</source>
        <translation>moyen</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="196"/>
        <source>good</source>
        <translation>bon</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="196"/>
        <source>strong</source>
        <translation>solide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="198"/>
        <source>use at least 12 characters</source>
        <translation>utilisez au moins 12 caractères</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="199"/>
        <source>mix capitals, digits and signs</source>
        <translation>mélangez majuscules, chiffres et signes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="200"/>
        <source>avoid repeated characters</source>
        <translation>évitez les caractères répétés</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="201"/>
        <source>avoid sequences such as abcd or 1234</source>
        <translation>évitez les suites comme abcd ou 1234</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="202"/>
        <source>avoid common words</source>
        <translation>évitez les mots courants</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="203"/>
        <source>do not include your identifiant</source>
        <translation>n&apos;y mettez pas votre identifiant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="204"/>
        <source>avoid years and dates</source>
        <translation>évitez les années et les dates</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="210"/>
        <source>Open the password reset page</source>
        <translation>Ouvrir la page de réinitialisation</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="214"/>
        <source>Copy the settings</source>
        <translation>Copier les réglages</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="217"/>
        <source>Save for Thunderbird…</source>
        <translation>Enregistrer pour Thunderbird…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="220"/>
        <source>Save for iPhone, iPad or Mac…</source>
        <translation>Enregistrer pour iPhone, iPad ou Mac…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="223"/>
        <source>Show a QR code</source>
        <translation>Afficher un QR code</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="227"/>
        <source>QR code of the settings</source>
        <translation>QR code des réglages</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="246"/>
        <source>Run the connection diagnostics</source>
        <translation>Lancer le diagnostic de connexion</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="252"/>
        <source>Open the webmail</source>
        <translation>Ouvrir le webmail</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="256"/>
        <source>your identifiant</source>
        <translation>votre identifiant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/help_window.py" line="281"/>
        <source>Save the settings</source>
        <translation>Enregistrer les réglages</translation>
    </message>
</context>
<context>
    <name>IdentifiantHints</name>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="975"/>
        <source>Spaces at the start or the end were removed.</source>
        <translation>Les espaces au début ou à la fin ont été retirés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="977"/>
        <source>Identifiants are written in lower case: yours was converted.</source>
        <translation>L&apos;identifiant s&apos;écrit en minuscules : il a été converti.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="979"/>
        <source>An identifiant contains no spaces.</source>
        <translation>Un identifiant ne contient pas d&apos;espace.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="981"/>
        <source>You typed an email address: you sign in with your identifiant (initial of your first name followed by your surname, e.g. “fdurand”), not with the address.</source>
        <translation>Vous avez saisi une adresse électronique : la connexion se fait avec votre identifiant (initiale du prénom suivie du nom, par ex. « fdurand »), pas avec l&apos;adresse.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="985"/>
        <source>Your identifiant may be “%1” (a digit is sometimes added when two people share the same name).</source>
        <translation>Votre identifiant est peut-être « %1 » (un chiffre est parfois ajouté en cas d&apos;homonymie).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="990"/>
        <source>An identifiant usually contains no accents.</source>
        <translation>Un identifiant ne contient en général pas d&apos;accent.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="992"/>
        <source>This identifiant does not have the usual form for this académie.</source>
        <translation>Cet identifiant n&apos;a pas la forme habituelle pour cette académie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="994"/>
        <source>Invisible characters were removed.</source>
        <translation>Des caractères invisibles ont été retirés.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="996"/>
        <source>Type your full email address (e.g. firstname.lastname@ac-reunion.fr), not the short identifiant.</source>
        <translation>Saisissez votre adresse électronique complète (ex. : prenom.nom@ac-reunion.fr), pas l&apos;identifiant court.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="104"/>
        <source>AcMail — Sign in</source>
        <translation>AcMail — Connexion</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="127"/>
        <source>Email for French national education staff</source>
        <translation>Messagerie des personnels de l&apos;Éducation nationale</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="137"/>
        <source>Académie</source>
        <translation>Académie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="142"/>
        <source>&amp;Académie:</source>
        <translation>&amp;Académie :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="172"/>
        <location filename="../../acmail_desktop/ui/login.py" line="551"/>
        <source>e.g. fdurand</source>
        <translation>ex. : fdurand</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="171"/>
        <location filename="../../acmail_desktop/ui/login.py" line="550"/>
        <source>Identifiant</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="104"/>
        <source>AcMail — Add an account</source>
        <translation>AcMail — Ajouter un compte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="141"/>
        <source>Another address (automatic search)…</source>
        <translation>Autre adresse (recherche automatique)…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="149"/>
        <source>Messagerie a&amp;cadémique (former)</source>
        <translation>Messagerie a&amp;cadémique (ancienne)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="150"/>
        <source>Messagerie &amp;nationale</source>
        <translation>Messagerie &amp;nationale</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="158"/>
        <source>Mail system:</source>
        <translation>Messagerie :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="187"/>
        <location filename="../../acmail_desktop/ui/login.py" line="549"/>
        <source>&amp;Identifiant:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="194"/>
        <source>Pass&amp;word</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="195"/>
        <source>PassCode &amp;OTP</source>
        <translation>Pass&amp;Code OTP</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="203"/>
        <source>Sign in with:</source>
        <translation>Connexion par :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="213"/>
        <location filename="../../acmail_desktop/ui/login.py" line="554"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="214"/>
        <location filename="../../acmail_desktop/ui/login.py" line="220"/>
        <source>Show password</source>
        <translation>Afficher le mot de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="219"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="229"/>
        <source>PIN code</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="230"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="233"/>
        <source>6-digit code from the token</source>
        <translation>Code à 6 chiffres du token</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="234"/>
        <source>token code (6 digits)</source>
        <translation>code du token (6 chiffres)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="242"/>
        <location filename="../../acmail_desktop/ui/login.py" line="553"/>
        <location filename="../../acmail_desktop/ui/login.py" line="575"/>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="265"/>
        <source>Set up the code generator…</source>
        <translation>Configurer le générateur de codes…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="274"/>
        <source>Caution: Caps Lock seems to be on.</source>
        <translation>Attention : le verrouillage des majuscules semble activé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="280"/>
        <source>&amp;Remember me</source>
        <translation>Mémori&amp;ser mon mot de passe sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="281"/>
        <source>Remember me</source>
        <translation>Mémoriser mon mot de passe sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="309"/>
        <source>Dia&amp;gnose</source>
        <translation>Dia&amp;gnostiquer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="317"/>
        <source>Error message</source>
        <translation>Message d&apos;erreur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="333"/>
        <source>&amp;Diagnose the connection</source>
        <translation>&amp;Diagnostiquer la connexion</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="335"/>
        <source>&amp;Cancel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="337"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Valider</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="340"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="529"/>
        <source> (unconfirmed)</source>
        <translation> (non confirmé)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="530"/>
        <source>Incoming: %1:%2</source>
        <translation>Réception : %1:%2</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="531"/>
        <source>Outgoing: %1:%2</source>
        <translation>Envoi : %1:%2</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="541"/>
        <source>&amp;Email address:</source>
        <translation>&amp;Adresse électronique :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="542"/>
        <source>Email address</source>
        <translation>Adresse électronique</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="544"/>
        <source>e.g. firstname.lastname@%1</source>
        <translation>ex. : prenom.nom@%1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="545"/>
        <source>Application &amp;password:</source>
        <translation>Mot de passe d&apos;a&amp;pplication :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="546"/>
        <source>Application password</source>
        <translation>Mot de passe d&apos;application</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="560"/>
        <source>I don&apos;t know my password</source>
        <translation>Je ne connais pas mon mot de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="565"/>
        <source>Support: %1</source>
        <translation>Assistance : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="552"/>
        <location filename="../../acmail_desktop/ui/login.py" line="575"/>
        <source>&amp;PassCode:</source>
        <translation>&amp;PassCode :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="584"/>
        <source>the national messagerie&apos;s webmail</source>
        <translation>la messagerie web de la messagerie nationale</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="585"/>
        <source>Not your usual password: an application password created for this computer.</source>
        <translation>Pas votre mot de passe habituel : un mot de passe d&apos;application créé pour cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="587"/>
        <source>In the webmail (%1): Préférences → Mots de passe sécurisés → Créer…, then copy the generated password here.</source>
        <translation>Dans la messagerie web (%1) : Préférences → Mots de passe sécurisés → Créer…, puis copiez ici le mot de passe généré.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="630"/>
        <source>Type your identifiant first.</source>
        <translation>Saisissez d&apos;abord votre identifiant.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="644"/>
        <source>No secure keyring available: nothing will be remembered.</source>
        <translation>Aucun trousseau sécurisé disponible : rien ne sera mémorisé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="646"/>
        <source>Disabled by your administrator.</source>
        <translation>Désactivé par l&apos;administrateur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="648"/>
        <source>A PassCode works only once: it is never remembered.</source>
        <translation>Un PassCode ne sert qu&apos;une fois : il n&apos;est jamais mémorisé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="681"/>
        <source>Enter your email address.</source>
        <translation>Saisissez votre adresse électronique.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="682"/>
        <source>Enter your identifiant.</source>
        <translation>Saisissez votre identifiant.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="704"/>
        <source>Caution: risk of account lockout</source>
        <translation>Attention : risque de blocage</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="705"/>
        <source>The last two attempts failed. One more failure may lock your account (and sometimes your school&apos;s).</source>
        <translation>Les deux dernières tentatives ont échoué. Un nouvel échec peut bloquer votre compte (et parfois celui de l&apos;établissement).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="707"/>
        <source>Check what you typed, or run the diagnostics. Click Sign in again to try anyway.</source>
        <translation>Vérifiez votre saisie ou lancez le diagnostic. Cliquez de nouveau sur Valider pour essayer quand même.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="721"/>
        <source>The PIN must have 4 to 8 digits.</source>
        <translation>Le code PIN doit comporter de 4 à 8 chiffres.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="724"/>
        <source>The token code must have 6 digits.</source>
        <translation>Le code du token doit comporter 6 chiffres.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="728"/>
        <source>Enter your application password.</source>
        <translation>Saisissez votre mot de passe d&apos;application.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="729"/>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="743"/>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="778"/>
        <source>Sign-in cancelled.</source>
        <translation>Connexion annulée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="785"/>
        <source>Signed in.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="847"/>
        <source>You can try again in %1.</source>
        <translation>Nouvel essai possible dans %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/login.py" line="918"/>
        <source>Please check your entry</source>
        <translation>Saisie à vérifier</translation>
    </message>
</context>
<context>
    <name>LogoutCheck</name>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="766"/>
        <source>Sending… sign out again once the outbox is empty.</source>
        <translation>Envoi en cours… déconnectez-vous à nouveau quand la boîte d&apos;envoi sera vide.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1032"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1035"/>
        <source>%n message(s) not sent yet</source>
        <translation>%n message pas encore envoyé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1037"/>
        <source>%n unsaved draft(s)</source>
        <translation>%n brouillon non enregistré</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1038"/>
        <source>Before you sign out: %1.</source>
        <translation>Avant de vous déconnecter : %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1040"/>
        <source>This is a shared computer: nothing stays on it after you sign out. What should AcMail do with them?</source>
        <translation>Cet ordinateur est un poste partagé : rien n&apos;y reste après la déconnexion. Que doit faire AcMail ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1044"/>
        <source>What should AcMail do with them?</source>
        <translation>Que doit faire AcMail ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1046"/>
        <source>Send now</source>
        <translation>Envoyer maintenant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1048"/>
        <source>Save to the server&apos;s Drafts</source>
        <translation>Enregistrer dans les Brouillons du serveur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1053"/>
        <source>Discard</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1055"/>
        <source>Stay signed in</source>
        <translation>Rester connecté</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="180"/>
        <source>Message view</source>
        <translation>Lecture du message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="225"/>
        <source>Waiting for the server</source>
        <translation>En attente du serveur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="288"/>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="291"/>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="294"/>
        <source>Offline: the messages already downloaded stay readable.</source>
        <translation>Hors ligne : les messages déjà téléchargés restent lisibles.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="357"/>
        <source>waiting for the server…</source>
        <translation>en attente du serveur…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="360"/>
        <source>The server is taking long to answer (%1)…</source>
        <translation>Le serveur met du temps à répondre (%1)…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="462"/>
        <source>This message has not been downloaded yet and AcMail is offline.</source>
        <translation>Ce message n&apos;a pas encore été téléchargé et AcMail est hors ligne.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="501"/>
        <source>No more unread messages in this folder.</source>
        <translation>Plus de message non lu dans ce dossier.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/main_window.py" line="557"/>
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n nouveau message dans %1</numerusform>
            <numerusform>%n nouveaux messages dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="337"/>
        <source>Getting mail in %1…</source>
        <translation>Relève du dossier %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/main_window.py" line="418"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_window.py" line="449"/>
        <source>This message no longer exists on the server.</source>
        <translation>Ce message n&apos;existe plus sur le serveur.</translation>
    </message>
</context>
<context>
    <name>MainWindowCommands</name>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="63"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="96"/>
        <source>&amp;Write</source>
        <translation>É&amp;crire</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="98"/>
        <source>New message</source>
        <translation>Nouveau message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="99"/>
        <source>&amp;Reply</source>
        <translation>&amp;Répondre</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="101"/>
        <source>Reply &amp;all</source>
        <translation>Répondre à &amp;tous</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="103"/>
        <source>&amp;Forward</source>
        <translation>&amp;Transférer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="105"/>
        <source>&amp;Edit draft</source>
        <translation>&amp;Modifier le brouillon</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="107"/>
        <source>Forward as a&amp;ttachment</source>
        <translation>Transférer en pièce &amp;jointe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="109"/>
        <source>Mark as &amp;read</source>
        <translation>Marquer comme &amp;lu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="111"/>
        <source>Mark as &amp;unread</source>
        <translation>Marquer comme &amp;non lu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="113"/>
        <source>&amp;Flag</source>
        <translation>&amp;Suivi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="114"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="116"/>
        <source>&amp;Move to…</source>
        <translation>&amp;Déplacer vers…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="118"/>
        <source>&amp;Archive</source>
        <translation>&amp;Archiver</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="120"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="122"/>
        <source>&amp;Get mail</source>
        <translation>&amp;Relever le courrier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="124"/>
        <source>&amp;Outbox</source>
        <translation>&amp;Boîte d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="125"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="127"/>
        <source>Open a &amp;message…</source>
        <translation>Ouvrir un &amp;message…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="129"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="131"/>
        <source>Export as P&amp;DF…</source>
        <translation>Exporter en &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="133"/>
        <source>&amp;Conversations</source>
        <translation>&amp;Conversations</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="137"/>
        <source>&amp;Plain text</source>
        <translation>&amp;Texte brut</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="142"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="144"/>
        <source>Connection &amp;diagnostics…</source>
        <translation>&amp;Diagnostic de connexion…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="146"/>
        <source>Set up the &amp;code generator…</source>
        <translation>Configurer le &amp;générateur de codes…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="148"/>
        <source>&amp;Forget my credentials</source>
        <translation>&amp;Oublier mes identifiants</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="150"/>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="188"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="152"/>
        <source>&amp;About AcMail</source>
        <translation>À &amp;propos d&apos;AcMail</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="153"/>
        <source>&amp;Free space…</source>
        <translation>&amp;Libérer de l&apos;espace…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="155"/>
        <source>&amp;Search everywhere…</source>
        <translation>Rechercher &amp;partout…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="157"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="161"/>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="168"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="172"/>
        <source>&amp;Message</source>
        <translation>&amp;Message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="178"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="184"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/main_commands.py" line="266"/>
        <source>Your saved credentials have been removed from this computer.</source>
        <translation>Vos identifiants enregistrés ont été effacés de cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/message_actions.py" line="83"/>
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n message supprimé.</numerusform>
            <numerusform>%n messages supprimés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/message_actions.py" line="85"/>
        <source>%n message(s) moved to %1 — Ctrl+Z to undo.</source>
        <translation>
            <numerusform>%n message déplacé vers %1 — Ctrl+Z pour annuler.</numerusform>
            <numerusform>%n messages déplacés vers %1 — Ctrl+Z pour annuler.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/message_actions.py" line="88"/>
        <source>%n message(s) moved to %1.</source>
        <translation>
            <numerusform>%n message déplacé vers %1.</numerusform>
            <numerusform>%n messages déplacés vers %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="107"/>
        <source>Offline: this needs the connection to the server.</source>
        <translation>Hors ligne : cette action a besoin de la connexion au serveur.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/message_actions.py" line="121"/>
        <source>Delete %n message(s) for good?</source>
        <translation>
            <numerusform>Supprimer définitivement %n message ?</numerusform>
            <numerusform>Supprimer définitivement %n messages ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/message_actions.py" line="122"/>
        <source>This account has no Trash folder. Erase %n message(s) for good? This cannot be undone.</source>
        <translation>
            <numerusform>Ce compte n’a pas de dossier Corbeille. Effacer définitivement %n message ? Cette action est irréversible.</numerusform>
            <numerusform>Ce compte n’a pas de dossier Corbeille. Effacer définitivement %n messages ? Cette action est irréversible.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="124"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="136"/>
        <source>This account has no Archive folder.</source>
        <translation>Ce compte n&apos;a pas de dossier Archives.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="156"/>
        <source>Move to</source>
        <translation>Déplacer vers</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="156"/>
        <source>Destination folder:</source>
        <translation>Dossier de destination :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="173"/>
        <source>Nothing to undo.</source>
        <translation>Rien à annuler.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="178"/>
        <source>Undone.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_actions.py" line="192"/>
        <source>Searching the server…</source>
        <translation>Recherche sur le serveur…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/message_actions.py" line="198"/>
        <source>%n message(s) found on the server</source>
        <translation>
            <numerusform>%n message trouvé sur le serveur</numerusform>
            <numerusform>%n messages trouvés sur le serveur</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessagePane</name>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="110"/>
        <source>Message list</source>
        <translation>Liste des messages</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="112"/>
        <source>Messages of the selected folder; Enter opens, Delete moves to the trash</source>
        <translation>Messages du dossier sélectionné ; Entrée ouvre, Suppr envoie à la corbeille</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="152"/>
        <source>Filter: sender, subject… (Ctrl+F)</source>
        <translation>Filtrer : expéditeur, objet… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="153"/>
        <source>Quick filter</source>
        <translation>Filtre rapide</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="159"/>
        <source>&amp;Unread</source>
        <translation>&amp;Non lus</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="162"/>
        <source>Fla&amp;gged</source>
        <translation>&amp;Suivis</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="167"/>
        <source>Search message te&amp;xt</source>
        <translation>Chercher dans le te&amp;xte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_list.py" line="168"/>
        <source>Search the text of the messages on the server</source>
        <translation>Chercher dans le texte des messages, sur le serveur</translation>
    </message>
</context>
<context>
    <name>MessageTableModel</name>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="271"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="278"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="271"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="278"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="271"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="278"/>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="272"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="279"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="272"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="279"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="276"/>
        <source>Read / unread</source>
        <translation>Lu / non lu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="276"/>
        <source>Flagged</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="277"/>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="319"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="410"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="386"/>
        <source>Claims to come from the institution (“%1”) but its address is outside it.</source>
        <translation>Se présente comme venant de l&apos;institution (« %1 ») mais son adresse lui est extérieure.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="388"/>
        <source>The sender&apos;s name is deceptive: the real address is shown.</source>
        <translation>Le nom de l&apos;expéditeur est trompeur : la véritable adresse est affichée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="392"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="397"/>
        <source>unread</source>
        <translation>non lu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="392"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="397"/>
        <source>read</source>
        <comment>message state</comment>
        <translation>lu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="394"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="399"/>
        <source>flagged</source>
        <translation>suivi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="396"/>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="405"/>
        <source>with attachments</source>
        <translation>avec pièces jointes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="401"/>
        <source>answered</source>
        <translation>répondu</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/models/messages.py" line="403"/>
        <source>forwarded</source>
        <translation>transféré</translation>
    </message>
</context>
<context>
    <name>MessageWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="49"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="54"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="56"/>
        <source>&amp;Open a message…</source>
        <translation>&amp;Ouvrir un message…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="57"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="58"/>
        <source>Export as P&amp;DF…</source>
        <translation>Exporter en &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="59"/>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="66"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="67"/>
        <source>&amp;Plain text</source>
        <translation>&amp;Texte brut</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="103"/>
        <source>This file cannot be read: %1</source>
        <translation>Ce fichier ne peut pas être lu : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="128"/>
        <source>Open a message</source>
        <translation>Ouvrir un message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/message_window.py" line="130"/>
        <source>Messages (*.eml);;All files (*)</source>
        <translation>Messages (*.eml);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>NewFoldersNotice</name>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="248"/>
        <source>%n new folder(s) on the server not shown — Manage subscriptions…</source>
        <translation>
            <numerusform>%n nouveau dossier non affiché — Gérer les abonnements…</numerusform>
            <numerusform>%n nouveaux dossiers non affichés — Gérer les abonnements…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="245"/>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="249"/>
        <source>&amp;Cancel sending</source>
        <translation>&amp;Annuler l’envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="250"/>
        <source>Send &amp;again</source>
        <translation>&amp;Renvoyer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="251"/>
        <source>&amp;Mark as sent</source>
        <translation>&amp;Marquer comme envoyé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="252"/>
        <source>&amp;Retry now</source>
        <translation>Réessayer &amp;maintenant</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="258"/>
        <source>C&amp;orrect…</source>
        <translation>C&amp;orriger…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="259"/>
        <source>Open the refused message to correct the addresses, then send it</source>
        <translation>Ouvrir le message refusé pour corriger les adresses, puis l&apos;envoyer</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="264"/>
        <source>Drafts kept on this computer only (not yet in Drafts on the server):</source>
        <translation>Brouillons gardés sur cet ordinateur seulement (pas encore dans Brouillons sur le serveur) :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="268"/>
        <source>Drafts on this computer</source>
        <translation>Brouillons sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="270"/>
        <source>&amp;Edit draft</source>
        <translation>&amp;Modifier le brouillon</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="282"/>
        <source>Waiting, next try at %1</source>
        <translation>En attente, nouvel essai à %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="284"/>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="286"/>
        <source>Waiting to be sent</source>
        <translation>En attente d’envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="287"/>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="288"/>
        <source>Sent, copy to “Sent” pending</source>
        <translation>Envoyé, copie dans « Envoyés » à faire</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="289"/>
        <source>Uncertain: may have been sent</source>
        <translation>Incertain : peut-être déjà envoyé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="290"/>
        <source>Refused by the server</source>
        <translation>Refusé par le serveur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/outbox.py" line="299"/>
        <location filename="../../acmail_desktop/ui/outbox.py" line="312"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
</context>
<context>
    <name>PassCodeDialog</name>
    <message>
        <location filename="../../acmail_desktop/ui/session_control.py" line="40"/>
        <source>New PassCode needed</source>
        <translation>Nouveau PassCode nécessaire</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/session_control.py" line="42"/>
        <source>The connection was lost. A PassCode works only once: type your PIN and a new code to reconnect %1.</source>
        <translation>La connexion a été perdue. Un PassCode ne sert qu&apos;une fois : saisissez votre code PIN et un nouveau code pour reconnecter %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/session_control.py" line="51"/>
        <source>&amp;PIN:</source>
        <translation>Code &amp;PIN :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/session_control.py" line="52"/>
        <source>&amp;Code:</source>
        <translation>Code du &amp;token :</translation>
    </message>
</context>
<context>
    <name>PolicyReport</name>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1113"/>
        <source>Administrator policy</source>
        <translation>Politique d&apos;administration</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1114"/>
        <source>The administrator policy of this computer could not be applied. AcMail runs in its safest mode: shared computer, nothing is kept after you log out.</source>
        <translation>La politique d&apos;administration de cet ordinateur n&apos;a pas pu être appliquée. AcMail fonctionne dans son mode le plus sûr : poste partagé, rien n&apos;est conservé après la déconnexion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1118"/>
        <source>Please tell your IT support. Technical detail: %1</source>
        <translation>Prévenez votre assistance informatique. Détail technique : %1</translation>
    </message>
</context>
<context>
    <name>QuotaIndicator</name>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="97"/>
        <source>Space: %1 % of %2</source>
        <translation>Espace : %1 % de %2</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="98"/>
        <source>%1 used of %2. Click to free space.</source>
        <translation>%1 utilisés sur %2. Cliquez pour libérer de l&apos;espace.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="111"/>
        <source>Your mailbox is %1 % full: soon it will refuse new mail. Free space now (Libérer de l&apos;espace).</source>
        <translation>Votre boîte est pleine à %1 % : elle refusera bientôt les nouveaux messages. Libérez de l&apos;espace maintenant (Outils › Libérer de l&apos;espace).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/free_space.py" line="113"/>
        <source>Your mailbox is %1 % full. Think of freeing space.</source>
        <translation>Votre boîte est pleine à %1 %. Pensez à libérer de l&apos;espace (Outils › Libérer de l&apos;espace).</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="147"/>
        <source>Show &amp;source</source>
        <translation>Afficher la &amp;source</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="156"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="722"/>
        <source>From:</source>
        <translation>De :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="156"/>
        <source>Reply to:</source>
        <translation>Répondre à :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="157"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="722"/>
        <source>To:</source>
        <translation>À :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="157"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="723"/>
        <source>Cc:</source>
        <translation>Cc :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="158"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="723"/>
        <source>Date:</source>
        <translation>Date :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="180"/>
        <source>Warning about the sender</source>
        <translation>Avertissement sur l&apos;expéditeur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="185"/>
        <source>Delivery report</source>
        <translation>Rapport de distribution</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="194"/>
        <source>Message content</source>
        <translation>Contenu du message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="197"/>
        <source>Select a message to read it here.</source>
        <translation>Sélectionnez un message pour le lire ici.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="216"/>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="227"/>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="230"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="671"/>
        <source>Sa&amp;ve…</source>
        <translation>&amp;Enregistrer…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="233"/>
        <source>Save &amp;all…</source>
        <translation>&amp;Tout enregistrer…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="256"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="274"/>
        <source>Message from %1, subject: %2</source>
        <translation>Message de %1, objet : %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/reader.py" line="284"/>
        <source>%n attachment(s):</source>
        <translation>
            <numerusform>%n pièce jointe :</numerusform>
            <numerusform>%n pièces jointes :</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="318"/>
        <source>Link to: %1</source>
        <translation>Lien vers : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="335"/>
        <source>Open link</source>
        <translation>Ouvrir le lien</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="339"/>
        <source>AcMail does not open this kind of link:</source>
        <translation>AcMail n&apos;ouvre pas ce type de lien :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="351"/>
        <source>Caution: this message pretends to come from the institution and this link leads outside the académie.</source>
        <translation>Attention : ce message prétend venir de l&apos;institution et ce lien mène hors de l&apos;académie.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="348"/>
        <source>Caution: this link shows “%1” but leads somewhere else. This is a common trick to make you visit a fake site.</source>
        <translation>Attention : ce lien affiche « %1 » mais mène ailleurs. C&apos;est une ruse courante pour vous faire visiter un faux site.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="358"/>
        <source>Open this link in your browser?</source>
        <translation>Ouvrir ce lien dans votre navigateur ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="359"/>
        <source>Real destination:</source>
        <translation>Destination réelle :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="360"/>
        <source>Open the link</source>
        <translation>Ouvrir le lien</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="385"/>
        <source>Signature verified: %1</source>
        <translation>Signature vérifiée : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="388"/>
        <source>Signature not verified: %1</source>
        <translation>Signature non vérifiée : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="391"/>
        <source>Checked on arrival by %1: %2</source>
        <translation>Vérifié à l&apos;arrivée par %1 : %2</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="392"/>
        <source>Your mail server left no verdict on this message.</source>
        <translation>Votre serveur de messagerie n&apos;a laissé aucun verdict sur ce message.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="400"/>
        <source>Caution: this message presents itself as coming from the institution (“%1”), but its real address, %2, is outside the académie and the ministry. The académie never asks for your password by e-mail.</source>
        <translation>Attention : ce message se présente comme venant de l&apos;institution (« %1 »), mais sa véritable adresse, %2, est extérieure à l&apos;académie et au ministère. L&apos;académie ne vous demande jamais votre mot de passe par courriel.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="408"/>
        <source>Its links lead outside the académie: %1</source>
        <translation>Ses liens mènent hors de l&apos;académie : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="421"/>
        <source>%1 (calls itself “%2”)</source>
        <translation>%1 (se présente comme « %2 »)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="434"/>
        <source>Caution: the sender&apos;s name contains another address than the real one (%1). This is a common trick to impersonate someone.</source>
        <translation>Attention : le nom de l&apos;expéditeur contient une autre adresse que la vraie (%1). C&apos;est une ruse courante pour se faire passer pour quelqu&apos;un d&apos;autre.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="437"/>
        <source>Caution: the sender&apos;s domain mixes alphabets and may imitate another one; it is shown as %1.</source>
        <translation>Attention : le domaine de l&apos;expéditeur mélange plusieurs alphabets et peut en imiter un autre ; il est affiché sous la forme %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="439"/>
        <source>Caution: the sender&apos;s address %1 is not valid.</source>
        <translation>Attention : l&apos;adresse de l&apos;expéditeur %1 n&apos;est pas valide.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="441"/>
        <source>Caution: the sender&apos;s name or address contains invisible characters that reverse the text to disguise it. The real address is %1.</source>
        <translation>Attention : le nom ou l&apos;adresse de l&apos;expéditeur contient des caractères invisibles qui inversent le texte pour le déguiser. La véritable adresse est %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="444"/>
        <source>Caution: the sender&apos;s name mixes alphabets (letters that only look like ours) and may imitate someone else. The real address is %1.</source>
        <translation>Attention : le nom de l&apos;expéditeur mélange plusieurs alphabets (des lettres qui ressemblent seulement aux nôtres) et peut imiter quelqu&apos;un d&apos;autre. La véritable adresse est %1.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="447"/>
        <source>Caution: check the sender (%1).</source>
        <translation>Attention : vérifiez l&apos;expéditeur (%1).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="454"/>
        <source>the address does not exist</source>
        <translation>l&apos;adresse n&apos;existe pas</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="455"/>
        <source>the recipient&apos;s domain was not found</source>
        <translation>le domaine du destinataire est introuvable</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="456"/>
        <source>the address is misspelt</source>
        <translation>l&apos;adresse est mal écrite</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="457"/>
        <source>the recipient has changed address</source>
        <translation>le destinataire a changé d&apos;adresse</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="458"/>
        <source>the recipient&apos;s domain does not accept mail</source>
        <translation>le domaine du destinataire n&apos;accepte pas de courrier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="459"/>
        <source>the recipient&apos;s mailbox is disabled</source>
        <translation>la boîte du destinataire est désactivée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="460"/>
        <source>the recipient&apos;s mailbox is full</source>
        <translation>la boîte du destinataire est pleine</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="461"/>
        <source>the message is too large for the recipient</source>
        <translation>le message est trop volumineux pour le destinataire</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="462"/>
        <source>the message is too large</source>
        <translation>le message est trop volumineux</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="463"/>
        <source>the recipient&apos;s server does not answer</source>
        <translation>le serveur du destinataire ne répond pas</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="464"/>
        <source>the connection to the recipient&apos;s server was cut</source>
        <translation>la connexion au serveur du destinataire a été coupée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="465"/>
        <source>no server receives mail for this domain</source>
        <translation>aucun serveur ne reçoit le courrier de ce domaine</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="466"/>
        <source>delivery took too long and was abandoned</source>
        <translation>la distribution a pris trop de temps et a été abandonnée</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="467"/>
        <source>the recipient&apos;s server refused it (not authorised)</source>
        <translation>le serveur du destinataire l&apos;a refusé (non autorisé)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="471"/>
        <source>refused for a security reason</source>
        <translation>refusé pour une raison de sécurité</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="473"/>
        <source>temporary problem, the server keeps trying</source>
        <translation>problème temporaire, le serveur réessaie</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="480"/>
        <source>Not delivered</source>
        <translation>Non distribué</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="480"/>
        <source>Delayed</source>
        <translation>Retardé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="481"/>
        <source>Delivered</source>
        <translation>Distribué</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="481"/>
        <source>Relayed</source>
        <translation>Relayé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="482"/>
        <source>Delivered to a list</source>
        <translation>Distribué à une liste</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="483"/>
        <source>Delivery report:</source>
        <translation>Rapport de distribution :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="492"/>
        <source>Server&apos;s answer: %1</source>
        <translation>Réponse du serveur : %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="499"/>
        <source>HTML message shown as text: images and remote content are never loaded.</source>
        <translation>Message HTML affiché en texte : les images et le contenu distant ne sont jamais chargés.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/reader.py" line="501"/>
        <source>%n remote image(s) not loaded, to protect your privacy.</source>
        <translation>
            <numerusform>%n image distante n&apos;a pas été chargée, pour protéger votre vie privée.</numerusform>
            <numerusform>%n images distantes n&apos;ont pas été chargées, pour protéger votre vie privée.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="504"/>
        <source>This message is nested too deeply: part of it is not shown.</source>
        <translation>Ce message est trop imbriqué : une partie n&apos;est pas affichée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="505"/>
        <source>This message has too many parts: part of it is not shown.</source>
        <translation>Ce message a trop de parties : une partie n&apos;est pas affichée.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="506"/>
        <source>A header was too long and has been shortened.</source>
        <translation>Un en-tête trop long a été raccourci.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="507"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="508"/>
        <source>The message is very long: only its beginning is shown.</source>
        <translation>Le message est très long : seul son début est affiché.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="509"/>
        <source>The HTML part took too long to convert: a simplified text is shown.</source>
        <translation>La conversion de la partie HTML a pris trop de temps : un texte simplifié est affiché.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="510"/>
        <source>This message is malformed: what could be read is shown.</source>
        <translation>Ce message est mal formé : ce qui a pu être lu est affiché.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="526"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="534"/>
        <source>Message source</source>
        <translation>Source du message</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="577"/>
        <source>Save attachment</source>
        <translation>Enregistrer la pièce jointe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="624"/>
        <location filename="../../acmail_desktop/ui/reader.py" line="667"/>
        <source>Open attachment</source>
        <translation>Ouvrir la pièce jointe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="626"/>
        <source>“%1” is a program. Opening it may run it on this computer.</source>
        <translation>« %1 » est un programme. L&apos;ouvrir peut l&apos;exécuter sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="629"/>
        <source>“%1” is not what its name or type claims (it looks like %2).</source>
        <translation>« %1 » n&apos;est pas ce que son nom ou son type annonce (il ressemble à %2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="631"/>
        <source>Open it only if you were expecting it from this sender.</source>
        <translation>Ne l&apos;ouvrez que si vous attendiez ce fichier de cet expéditeur.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="632"/>
        <source>Open anyway</source>
        <translation>Ouvrir quand même</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="668"/>
        <source>No program on this computer opens “%1” (%2).</source>
        <translation>Aucun programme de cet ordinateur n&apos;ouvre « %1 » (%2).</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="670"/>
        <source>Save it, then open it with the program of your choice.</source>
        <translation>Enregistrez-le, puis ouvrez-le avec le programme de votre choix.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="689"/>
        <source>Attached message</source>
        <translation>Message joint</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="698"/>
        <source>Save all attachments</source>
        <translation>Enregistrer toutes les pièces jointes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="752"/>
        <source>Export as PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="754"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/reader.py" line="765"/>
        <source>Print message</source>
        <translation>Imprimer le message</translation>
    </message>
</context>
<context>
    <name>RemoveAccount</name>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="623"/>
        <source>Remove the account</source>
        <translation>Supprimer le compte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="624"/>
        <source>Remove %1 from this computer? Its downloaded messages, drafts, outbox and remembered password are erased here; its mail stays on the server.</source>
        <translation>Supprimer %1 de cet ordinateur ? Ses messages téléchargés, ses brouillons, sa boîte d&apos;envoi et son mot de passe mémorisé sont effacés ici ; son courrier reste sur le serveur.</translation>
    </message>
</context>
<context>
    <name>RichBodyEdit</name>
    <message>
        <location filename="../../acmail_desktop/ui/richedit.py" line="142"/>
        <source>(no suggestion)</source>
        <translation>(aucune suggestion)</translation>
    </message>
</context>
<context>
    <name>SearchWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="64"/>
        <source>Search everywhere</source>
        <translation>Rechercher partout</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="112"/>
        <source>Words to find anywhere in the messages</source>
        <translation>Mots à trouver n&apos;importe où dans les messages</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="116"/>
        <source>This folder</source>
        <translation>Ce dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="117"/>
        <source>This account</source>
        <translation>Ce compte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="118"/>
        <source>Every account</source>
        <translation>Tous les comptes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="120"/>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="133"/>
        <source>&amp;From:</source>
        <translation>&amp;De :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="133"/>
        <source>&amp;To:</source>
        <translation>&amp;À :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="134"/>
        <source>Su&amp;bject:</source>
        <translation>O&amp;bjet :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="136"/>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xte :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="137"/>
        <source>Attac&amp;hment:</source>
        <translation>Pièce &amp;jointe :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="139"/>
        <source>Since</source>
        <translation>Depuis le</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="141"/>
        <source>Before</source>
        <translation>Avant le</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="150"/>
        <source>&amp;Unread</source>
        <translation>&amp;Non lus</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="151"/>
        <source>F&amp;lagged</source>
        <translation>&amp;Suivis</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="165"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="165"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="165"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="165"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="166"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="215"/>
        <source>Type words to find, or choose a criterion.</source>
        <translation>Tapez des mots à trouver, ou choisissez un critère.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="221"/>
        <source>Searching this computer…</source>
        <translation>Recherche sur cet ordinateur…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/search_window.py" line="273"/>
        <source>%n message(s) found; searching the server…</source>
        <translation>
            <numerusform>%n message trouvé ; recherche sur le serveur…</numerusform>
            <numerusform>%n messages trouvés ; recherche sur le serveur…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/search_window.py" line="279"/>
        <source>Offline: %n message(s) found on this computer only (the server was not searched).</source>
        <translation>
            <numerusform>Hors connexion : %n message trouvé sur cet ordinateur seulement (le serveur n&apos;a pas été interrogé).</numerusform>
            <numerusform>Hors connexion : %n messages trouvés sur cet ordinateur seulement (le serveur n&apos;a pas été interrogé).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/search_window.py" line="282"/>
        <source>%n message(s) found.</source>
        <translation>
            <numerusform>%n message trouvé.</numerusform>
            <numerusform>%n messages trouvés.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendingServerBox</name>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="38"/>
        <source>Sending server (SMTP) for %1</source>
        <translation>Serveur d&apos;envoi (SMTP) pour %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="46"/>
        <source>Sending server name</source>
        <translation>Nom du serveur d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="50"/>
        <source>Sending server port</source>
        <translation>Port du serveur d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="53"/>
        <source>Sending server security</source>
        <translation>Sécurité du serveur d&apos;envoi</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="54"/>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="55"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="56"/>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;veur :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="59"/>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="62"/>
        <source>Security:</source>
        <translation>Sécurité :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="64"/>
        <source>Use the profile&apos;s guess: %1:%2 (a guess, confirmed nowhere)</source>
        <translation>Utiliser la supposition du profil : %1:%2 (supposition, confirmée nulle part)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="80"/>
        <source>No sending server found yet: messages wait in the outbox. Type the server your académie gives, or try the profile&apos;s guess.</source>
        <translation>Aucun serveur d&apos;envoi trouvé pour l&apos;instant : les messages attendent dans la boîte d&apos;envoi. Saisissez le serveur indiqué par votre académie, ou essayez la supposition du profil.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="86"/>
        <source>found in the domain&apos;s settings file</source>
        <translation>trouvé dans le fichier de réglages du domaine</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="87"/>
        <source>found in DNS records (SRV)</source>
        <translation>trouvé dans les enregistrements DNS (SRV)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="87"/>
        <source>found by trying the usual names</source>
        <translation>trouvé en essayant les noms habituels</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="88"/>
        <source>typed here</source>
        <translation>saisi ici</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/sending_server.py" line="89"/>
        <source>%1:%2, %3 — not verified: no official source confirms it.</source>
        <translation>%1:%2, %3 — non vérifié : aucune source officielle ne le confirme.</translation>
    </message>
</context>
<context>
    <name>SessionControl</name>
    <message>
        <location filename="../../acmail_desktop/ui/session_control.py" line="76"/>
        <source>The sending connection expired. A PassCode works only once: type your PIN and a new code to send the messages waiting in the outbox.</source>
        <translation>La connexion d&apos;envoi a expiré. Un PassCode ne sert qu&apos;une fois : saisissez votre code PIN et un nouveau code pour envoyer les messages en attente dans la Boîte d&apos;envoi.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/session_control.py" line="79"/>
        <source>Messages are waiting in the outbox. Sending needs its own connection and the PassCode of the sign-in was already used: type your PIN and a new code.</source>
        <translation>Des messages attendent dans la Boîte d&apos;envoi. L&apos;envoi demande sa propre connexion et le PassCode de l&apos;ouverture de session a déjà servi : saisissez votre code PIN et un nouveau code.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="60"/>
        <source>AcMail — Settings</source>
        <translation>AcMail — Paramètres</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="73"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="73"/>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="73"/>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="74"/>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="74"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="75"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="80"/>
        <source>Académie:</source>
        <translation>Académie :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="81"/>
        <source>Mail system:</source>
        <translation>Messagerie :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="82"/>
        <source>Identifiant:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="83"/>
        <source>Log in with:</source>
        <translation>Connexion par :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="84"/>
        <source>Remember my password</source>
        <translation>Mémoriser mon mot de passe sur cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="85"/>
        <source>Signature:</source>
        <translation>Signature :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="86"/>
        <source>Display name:</source>
        <translation>Nom affiché :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="87"/>
        <source>Write in plain text (no formatting)</source>
        <translation>Écrire en texte brut (sans mise en forme)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="88"/>
        <source>Theme:</source>
        <translation>Thème :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="89"/>
        <source>Message font size:</source>
        <translation>Taille du texte des messages :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="90"/>
        <source>Group messages by conversation</source>
        <translation>Regrouper les messages par conversation</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="91"/>
        <source>Show messages as plain text</source>
        <translation>Afficher les messages en texte brut</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="92"/>
        <source>Mark as read after:</source>
        <translation>Marquer comme lu après :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="93"/>
        <source>Save attachments in:</source>
        <translation>Enregistrer les pièces jointes dans :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="94"/>
        <source>Log out after inactivity:</source>
        <translation>Déconnexion après une inactivité de :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="95"/>
        <source>Notify me of new mail</source>
        <translation>Me prévenir des nouveaux messages</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="96"/>
        <source>Connection timeout:</source>
        <translation>Délai de connexion :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="97"/>
        <source>Fast synchronisation (CONDSTORE/QRESYNC)</source>
        <translation>Synchronisation rapide (CONDSTORE/QRESYNC)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="98"/>
        <source>Compress the traffic (COMPRESS=DEFLATE)</source>
        <translation>Compresser les échanges (COMPRESS=DEFLATE)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="99"/>
        <source>Download ahead of the click:</source>
        <translation>Télécharger d&apos;avance :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="100"/>
        <source>Minimum TLS version:</source>
        <translation>Version minimale de TLS :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="101"/>
        <source>Extra certificate authorities:</source>
        <translation>Autorités de certification supplémentaires :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="102"/>
        <source>Diagnostics may try to log in</source>
        <translation>Le diagnostic peut tenter une connexion</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="103"/>
        <source>Interface language:</source>
        <translation>Langue de l&apos;interface :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="108"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="108"/>
        <source>PassCode OTP</source>
        <translation>PassCode OTP</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="109"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="109"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="109"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="69"/>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="144"/>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="258"/>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="259"/>
        <source>Locked by the administrator</source>
        <translation>Verrouillé par l&apos;administrateur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="111"/>
        <source>Messagerie académique (former)</source>
        <translation>Messagerie académique (ancienne)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="111"/>
        <source>Messagerie nationale</source>
        <translation>Messagerie nationale</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="114"/>
        <source>As the académie&apos;s profile says (both offered when unsure)</source>
        <translation>Selon le profil de l&apos;académie (les deux proposées en cas de doute)</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="164"/>
        <source>Shared computer: your settings are forgotten when you log out.</source>
        <translation>Poste partagé : vos réglages sont oubliés à la déconnexion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="199"/>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="200"/>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="202"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="203"/>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="205"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="206"/>
        <source>System size</source>
        <translation>Taille du système</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="213"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/settings_dialog.py" line="218"/>
        <source>One file per line</source>
        <translation>Un fichier par ligne</translation>
    </message>
</context>
<context>
    <name>SharedMachine</name>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="964"/>
        <source>Shared computer: your data is erased when you sign out</source>
        <translation>Poste partagé : vos données sont effacées à la déconnexion</translation>
    </message>
</context>
<context>
    <name>SignOutChoice</name>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1083"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1084"/>
        <source>Sign out of which account?</source>
        <translation>Se déconnecter de quel compte ?</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1085"/>
        <source>The other accounts stay open. Signing out of every account goes back to the sign-in screen.</source>
        <translation>Les autres comptes restent ouverts. Se déconnecter de tous les comptes ramène à l&apos;écran de connexion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1090"/>
        <source>All accounts</source>
        <translation>Tous les comptes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/app.py" line="1092"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>SubscriptionsDialog</name>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="51"/>
        <source>Manage subscriptions</source>
        <translation>Gérer les abonnements</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="53"/>
        <source>Ticked folders are shown in the folder list. Folders created in the webmail or by another program appear here unticked until you subscribe to them.</source>
        <translation>Les dossiers cochés s&apos;affichent dans la liste des dossiers. Les dossiers créés dans la messagerie web ou par un autre logiciel apparaissent ici décochés, tant que vous ne vous y abonnez pas.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="57"/>
        <source>&amp;Search:</source>
        <translation>&amp;Rechercher :</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="60"/>
        <source>Part of a folder name</source>
        <translation>Une partie du nom du dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="62"/>
        <source>Search a folder</source>
        <translation>Rechercher un dossier</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="74"/>
        <source>Folders on the server</source>
        <translation>Dossiers sur le serveur</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="77"/>
        <source>Reading the folder list from the server…</source>
        <translation>Lecture de la liste des dossiers sur le serveur…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="115"/>
        <source>The server could not be asked (%1): the list is the one known from the last connection.</source>
        <translation>Le serveur n&apos;a pas pu être interrogé (%1) : la liste est celle de la dernière connexion.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="132"/>
        <source>(new)</source>
        <translation>(nouveau)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="159"/>
        <source>%n folder(s) on the server</source>
        <translation>
            <numerusform>%n dossier sur le serveur</numerusform>
            <numerusform>%n dossiers sur le serveur</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="160"/>
        <source>%n not shown</source>
        <translation>
            <numerusform>%n non affiché</numerusform>
            <numerusform>%n non affichés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="162"/>
        <source>%n matching the search</source>
        <translation>
            <numerusform>%n correspond à la recherche</numerusform>
            <numerusform>%n correspondent à la recherche</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/subscriptions.py" line="205"/>
        <source>Updating the subscriptions on the server…</source>
        <translation>Mise à jour des abonnements sur le serveur…</translation>
    </message>
</context>
<context>
    <name>TotpCodeWidget</name>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="48"/>
        <source>Current one-time code</source>
        <translation>Code à usage unique actuel</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="52"/>
        <source>%v s</source>
        <translation>%v s</translation>
    </message>
</context>
<context>
    <name>TotpEnrolDialog</name>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="85"/>
        <source>Set up the code generator</source>
        <translation>Configurer le générateur de codes</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="89"/>
        <source>Paste the activation link (otpauth://…) or the secret key given when your token was set up. It is kept in the system keyring, never in a file, and AcMail then shows the one-time code itself.</source>
        <translation>Collez le lien d&apos;activation (otpauth://…) ou la clé secrète fournie lors de l&apos;activation de votre token. Elle est conservée dans le trousseau du système, jamais dans un fichier, et AcMail affiche ensuite lui-même le code à usage unique.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="96"/>
        <source>Secret key or activation link</source>
        <translation>Clé secrète ou lien d&apos;activation</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="110"/>
        <source>No secure keyring is available on this computer: the secret cannot be kept. Type the code shown by your token instead.</source>
        <translation>Aucun trousseau sécurisé n&apos;est disponible sur cet ordinateur : la clé ne peut pas être conservée. Saisissez plutôt le code affiché par votre token.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="121"/>
        <source>This is neither an otpauth:// link nor a valid secret key.</source>
        <translation>Ce n&apos;est ni un lien otpauth:// ni une clé secrète valide.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="123"/>
        <source>Code generated now: %1 — check that your token shows the same one.</source>
        <translation>Code généré maintenant : %1 — vérifiez que votre token affiche le même.</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/totp.py" line="149"/>
        <source>The keyring refused to store the secret (%1).</source>
        <translation>Le trousseau a refusé d&apos;enregistrer la clé (%1).</translation>
    </message>
</context>
<context>
    <name>UnifiedInboxWindow</name>
    <message>
        <location filename="../../acmail_desktop/ui/search_window.py" line="374"/>
        <source>All inboxes</source>
        <translation>Toutes les boîtes de réception</translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/search_window.py" line="396"/>
        <source>%n message(s) in the inboxes of %1 account(s)</source>
        <translation>
            <numerusform>%n message(s) dans les boîtes de réception de %1 compte(s)</numerusform>
            <numerusform>%n message(s) dans les boîtes de réception de %1 compte(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../acmail_desktop/ui/search_window.py" line="398"/>
        <source>, %n unread</source>
        <translation>
            <numerusform>, %n non lu(s)</numerusform>
            <numerusform>, %n non lu(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowAccounts</name>
    <message>
        <location filename="../../acmail_desktop/ui/window_accounts.py" line="318"/>
        <source>Sign in to this account…</source>
        <translation>Se connecter à ce compte…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/window_accounts.py" line="320"/>
        <source>Type the password of %1 to open it beside your own</source>
        <translation>Tapez le mot de passe de %1 pour l&apos;ouvrir à côté du vôtre</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/window_accounts.py" line="344"/>
        <source>&amp;Add an account…</source>
        <translation>&amp;Ajouter un compte…</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/window_accounts.py" line="349"/>
        <source>&amp;All inboxes</source>
        <translation>Toutes les &amp;boîtes de réception</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/window_accounts.py" line="381"/>
        <source>Sign out of %1</source>
        <translation>Se déconnecter de %1</translation>
    </message>
    <message>
        <location filename="../../acmail_desktop/ui/window_accounts.py" line="384"/>
        <source>Remove this account from this computer…</source>
        <translation>Supprimer ce compte de cet ordinateur…</translation>
    </message>
</context>
</TS>
