<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AddAccountDialog</name>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="174" />
        <source>Add a Mastodon account</source>
        <translation>Ajouter un compte Mastodon</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="176" />
        <source>Relais opens your browser: sign in to your Mastodon server there and authorise Relais. Relais never sees your password; its access is kept in the system keyring.</source>
        <translation>Relais ouvre votre navigateur : connectez-vous à votre serveur Mastodon et autorisez Relais. Relais ne voit jamais votre mot de passe ; son accès est conservé dans le trousseau du système.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="178" />
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="179" />
        <source>Sign in with the &amp;browser</source>
        <translation>Se connecter avec le &amp;navigateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="180" />
        <source>Sign in with a &amp;code instead</source>
        <translation>Se connecter avec un &amp;code</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="182" />
        <source>For a browser on another device, or one that cannot reach back to this computer: the sign-in page shows a code to paste here.</source>
        <translation>Pour un navigateur sur un autre appareil, ou qui ne peut pas joindre cet ordinateur : la page de connexion affiche un code à coller ici.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="184" />
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="185" />
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="186" />
        <source>&amp;Paste an access token instead</source>
        <translation>&amp;Coller plutôt un jeton d’accès</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="188" />
        <source>Create one on your server in Preferences → Development → New application.</source>
        <translation>Créez-en un sur votre serveur dans Préférences → Développement → Nouvelle application.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="189" />
        <source>Access &amp;token:</source>
        <translation>&amp;Jeton d’accès :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="190" />
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="208" />
        <source>Waiting for you to sign in and authorise Relais in the browser…</source>
        <translation>En attente de votre connexion et de votre autorisation dans le navigateur…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="231" />
        <source>Sign in on the page that opened, then paste the code it shows here.</source>
        <translation>Connectez-vous sur la page qui s’est ouverte, puis collez ici le code qu’elle affiche.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="239" />
        <source>Paste the code the sign-in page shows first.</source>
        <translation>Collez d’abord le code affiché par la page de connexion.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="246" />
        <source>Checking the code…</source>
        <translation>Vérification du code…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="252" />
        <source>Paste an access token first.</source>
        <translation>Collez d’abord un jeton d’accès.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="255" />
        <source>Checking the access token…</source>
        <translation>Vérification du jeton d’accès…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="262" />
        <location filename="../../ui/dialogs/sign_in_messages.py" line="52" />
        <source>Sign-in cancelled.</source>
        <translation>Connexion annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="27" />
        <source>This is not a server address. Type it like mastodon.social.</source>
        <translation>Ce n’est pas une adresse de serveur. Saisissez-la sous la forme mastodon.social.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="30" />
        <source>{server} cannot be reached. Check the address and your connection, then try again.</source>
        <translation>{server} est injoignable. Vérifiez l’adresse et votre connexion, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="34" />
        <source>{server} does not look like a Mastodon server.</source>
        <translation>{server} ne semble pas être un serveur Mastodon.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="37" />
        <source>{server} answered with an error ({status}). Try again later.</source>
        <translation>{server} a répondu par une erreur ({status}). Réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="41" />
        <source>The answer that came back from the browser does not belong to this sign-in, so it was ignored. Try again.</source>
        <translation>La réponse revenue du navigateur ne correspond pas à cette connexion : elle a été ignorée. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="45" />
        <source>Relais was not authorised on {server}.</source>
        <translation>Relais n’a pas été autorisé sur {server}.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="48" />
        <source>No answer came back from the browser in time. Try again, or paste an access token instead.</source>
        <translation>Aucune réponse du navigateur dans le délai imparti. Réessayez, ou collez plutôt un jeton d’accès.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="54" />
        <source>{server} refused this access token. Check it, or create a new one in Preferences → Development.</source>
        <translation>{server} a refusé ce jeton d’accès. Vérifiez-le, ou créez-en un nouveau dans Préférences → Développement.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="300" />
        <source>If your browser did not open, &lt;a href="{url}"&gt;open the sign-in page&lt;/a&gt;.</source>
        <translation>Si votre navigateur ne s’est pas ouvert, &lt;a href="{url}"&gt;ouvrez la page de connexion&lt;/a&gt;.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="340" />
        <source>Added {account}.</source>
        <translation>{account} ajouté.</translation>
    </message>
</context>
<context>
    <name>AddBlueskyDialog</name>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="67" />
        <source>No Bluesky account answers to {handle}. Check the handle (like name.bsky.social).</source>
        <translation>Aucun compte Bluesky ne répond au nom {handle}. Vérifiez l’identifiant (du type nom.bsky.social).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="70" />
        <source>The server of {handle} could not be found. Try again later.</source>
        <translation>Le serveur de {handle} est introuvable. Réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="73" />
        <source>This password asks for an e-mail code: use an app password instead (it never does).</source>
        <translation>Ce mot de passe demande un code par e-mail : utilisez plutôt un mot de passe d’application (il n’en demande jamais).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="76" />
        <source>Bluesky refused this handle and password for {handle}. Check the app password, or create a new one.</source>
        <translation>Bluesky a refusé cet identifiant et ce mot de passe pour {handle}. Vérifiez le mot de passe d’application, ou créez-en un nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="122" />
        <source>Add a Bluesky account</source>
        <translation>Ajouter un compte Bluesky</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="124" />
        <source>Sign in with the account's handle and an &lt;b&gt;app password&lt;/b&gt;, not your main password: an app password lets Relais read and answer without being able to change your account, and you can revoke it at any time. Create one in Bluesky's &lt;a href="{url}"&gt;Settings → Privacy and security → App passwords&lt;/a&gt;, with “Allow access to your direct messages” ticked so Relais can answer DMs.</source>
        <translation>Connectez-vous avec l’identifiant du compte et un &lt;b&gt;mot de passe d’application&lt;/b&gt;, pas votre mot de passe principal : il permet à Relais de lire et de répondre sans pouvoir modifier votre compte, et vous pouvez le révoquer à tout moment. Créez-en un dans Bluesky, &lt;a href="{url}"&gt;Paramètres → Confidentialité et sécurité → Mots de passe d’application&lt;/a&gt;, en cochant « Autoriser l’accès à vos messages privés » pour que Relais puisse répondre aux messages privés.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="130" />
        <source>&amp;Handle:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="131" />
        <source>App &amp;password:</source>
        <translation>&amp;Mot de passe d’application :</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="132" />
        <source>&amp;Sign in</source>
        <translation>&amp;Se connecter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="133" />
        <source>Keep my main password anyway</source>
        <translation>Garder quand même mon mot de passe principal</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="148" />
        <source>Type the handle and the app password first.</source>
        <translation>Saisissez d’abord l’identifiant et le mot de passe d’application.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="156" />
        <source>Signing in to Bluesky…</source>
        <translation>Connexion à Bluesky…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="182" />
        <source>Adding the account…</source>
        <translation>Ajout du compte…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="222" />
        <source>This is the account's main password. Relais would keep it in the system keyring, where it could change the account. Create an app password instead (&lt;a href="{url}"&gt;App passwords&lt;/a&gt;) and sign in with it.</source>
        <translation>C’est le mot de passe principal du compte. Relais le garderait dans le trousseau du système, d’où il pourrait modifier le compte. Créez plutôt un mot de passe d’application (&lt;a href="{url}"&gt;Mots de passe d’application&lt;/a&gt;) et connectez-vous avec.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="244" />
        <source>Added {account}.</source>
        <translation>{account} ajouté.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="253" />
        <source>Added {account}. Its direct messages are not synced: this app password has no access to them. To answer DMs, create an app password with “Allow access to your direct messages” ticked, then add the account again with it.</source>
        <translation>{account} ajouté. Ses messages privés ne sont pas synchronisés : ce mot de passe d’application n’y a pas accès. Pour y répondre, créez un mot de passe d’application en cochant « Autoriser l’accès à vos messages privés », puis ajoutez de nouveau le compte avec.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="250" />
        <source>Relais is already open on this data folder{pid}. Switch to that window, or start this one with another data folder (--data-dir).</source>
        <translation>Relais est déjà ouvert sur ce dossier de données{pid}. Passez à cette fenêtre, ou lancez celle-ci avec un autre dossier de données (--data-dir).</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="253" />
        <source> (process {pid})</source>
        <translation> (processus {pid})</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../ui/cli.py" line="89" />
        <source>The queue is empty.</source>
        <translation>La file est vide.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="94" />
        <source>{time} left</source>
        <translation>{time} restantes</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="95" />
        <source>{time} overdue</source>
        <translation>{time} de retard</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="112" />
        <source>No account yet: add one first.</source>
        <translation>Aucun compte pour l’instant : ajoutez-en un d’abord.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="138" />
        <source>1 new message</source>
        <translation>1 nouveau message</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="139" />
        <source>{n} new messages</source>
        <translation>{n} nouveaux messages</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="153" />
        <source>No account yet.</source>
        <translation>Aucun compte pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="155" />
        <source>(reconnect needed)</source>
        <translation>(reconnexion nécessaire)</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="164" />
        <source>There is no account {id}.</source>
        <translation>Il n’y a pas de compte {id}.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="169" />
        <source>Removed {account} ({server}).</source>
        <translation>{account} ({server}) supprimé.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="211" />
        <source>This is the account's main password: Relais will not keep it. Create an app password ({url}) and use it, or pass --allow-main-password.</source>
        <translation>C’est le mot de passe principal du compte : Relais ne le gardera pas. Créez un mot de passe d’application ({url}) et utilisez-le, ou ajoutez --allow-main-password.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="223" />
        <source>Direct messages are not synced: this app password has no access to them. Create one with access to direct messages to answer DMs.</source>
        <translation>Les messages privés ne sont pas synchronisés : ce mot de passe d’application n’y a pas accès. Créez-en un avec l’accès aux messages privés pour y répondre.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="245" />
        <source>Open this address in a browser, sign in and authorise Relais:</source>
        <translation>Ouvrez cette adresse dans un navigateur, connectez-vous et autorisez Relais :</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="248" />
        <source>Then paste here the code the server shows, and press Enter:</source>
        <translation>Collez ensuite ici le code affiché par le serveur, puis appuyez sur Entrée :</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="253" />
        <source>Sign in and authorise Relais in your browser. If it does not open, open this address on this computer:</source>
        <translation>Connectez-vous et autorisez Relais dans votre navigateur. S’il ne s’ouvre pas, ouvrez cette adresse sur cet ordinateur :</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="258" />
        <source>No browser could be opened. Open the address above on this computer, or run again with --no-browser to paste a code.</source>
        <translation>Aucun navigateur n’a pu être ouvert. Ouvrez l’adresse ci-dessus sur cet ordinateur, ou relancez avec --no-browser pour coller un code.</translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="194" />
        <source>Added {account} on {server} (account {id}).</source>
        <translation>{account} ajouté sur {server} (compte {id}).</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../../ui/conversation_panel.py" line="147" />
        <source>Earlier messages from this customer</source>
        <translation>Messages précédents de ce client</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="148" />
        <source>Write your reply… (Enter in the queue comes here)</source>
        <translation>Écrivez votre réponse… (Entrée dans la file vous amène ici)</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="151" />
        <source>Public reply in the thread</source>
        <translation>Réponse publique dans le fil</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="152" />
        <source>Private message</source>
        <translation>Message privé</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="154" />
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="155" />
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="156" />
        <source>Reply publicly instead</source>
        <translation>Répondre publiquement</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="222" />
        <source>Select a conversation in the queue.</source>
        <translation>Sélectionnez une conversation dans la file.</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="229" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="235" />
        <source>No earlier messages.</source>
        <translation>Aucun message précédent.</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="250" />
        <source>At risk: {reasons}</source>
        <translation>Client à risque : {reasons}</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="264" />
        <source>Deleted by its author</source>
        <translation>Supprimé par son auteur</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="267" />
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="286" />
        <source>Reply queued: it will be sent when the network allows</source>
        <translation>Réponse en file : elle partira dès que le réseau le permettra</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="287" />
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="288" />
        <source>Reply sent</source>
        <translation>Réponse envoyée</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="289" />
        <source>Sending failed</source>
        <translation>Échec de l’envoi</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="293" />
        <source>This customer does not accept private messages from you: reply publicly, inviting them to write to you first.</source>
        <translation>Ce client n’accepte pas vos messages privés : répondez publiquement, en l’invitant à vous écrire d’abord.</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="296" />
        <source>Sending failed: the message you answered no longer exists (deleted by its author?). Your reply is back in the reply box.</source>
        <translation>Échec de l’envoi : le message auquel vous répondiez n’existe plus (supprimé par son auteur ?). Votre réponse est revenue dans la zone de saisie.</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="300" />
        <source>Sending failed: the network refused this reply (details in the tooltip). It is back in the reply box: edit it, then send it again.</source>
        <translation>Échec de l’envoi : le réseau a refusé cette réponse (détails dans l’infobulle). Elle est revenue dans la zone de saisie : modifiez-la, puis renvoyez-la.</translation>
    </message>
    <message>
        <source>Sending failed: the message you answered no longer exists (deleted by its author?). The reply is kept: copy it elsewhere if needed.</source>
        <translation type="vanished">Échec de l’envoi : le message auquel vous répondiez n’existe plus (supprimé par son auteur ?). La réponse est conservée : copiez-la ailleurs si besoin.</translation>
    </message>
    <message>
        <source>Sending failed: the network refused this reply (details in the tooltip). Edit it, then send it again.</source>
        <translation type="vanished">Échec de l’envoi : le réseau a refusé cette réponse (détails dans l’infobulle). Modifiez-la, puis renvoyez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="320" />
        <source>Hello, we would like to help you in private, but your settings do not let us write to you first: could you send us a direct message?</source>
        <translation>Bonjour, nous aimerions vous aider en privé, mais vos réglages ne nous permettent pas de vous écrire les premiers : pourriez-vous nous envoyer un message privé ?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/conversation_panel.py" line="349" />
        <source>%n character(s)</source>
        <translation><numerusform>%n caractère</numerusform><numerusform>%n caractères</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="350" />
        <source>too long</source>
        <translation>trop long</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../ui/delegates.py" line="75" />
        <source>{time} late</source>
        <translation>retard {time}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="35" />
        <source>{network} is rate-limiting Relais; retrying in {s} s.</source>
        <translation>{network} limite le débit de Relais ; nouvel essai dans {s} s.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39" />
        <source>{network} cannot be reached. Showing cached data.</source>
        <translation>{network} est injoignable. Affichage des données en cache.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43" />
        <source>{network} did not answer properly; Relais will retry.</source>
        <translation>{network} n’a pas répondu correctement ; Relais va réessayer.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="47" />
        <source>Your login to {network} ({handle}) has expired: reconnect it.</source>
        <translation>Votre connexion à {network} ({handle}) a expiré : reconnectez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53" />
        <source>The only keyring available ({backend}) would store passwords in a plain file. Relais refuses to use it: install and unlock a Secret Service keyring (GNOME Keyring or KWallet).</source>
        <translation>Le seul trousseau disponible ({backend}) stockerait les mots de passe dans un simple fichier. Relais refuse de l’utiliser : installez et déverrouillez un trousseau Secret Service (GNOME Keyring ou KWallet).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="59" />
        <source>No system keyring is available, so Relais cannot keep your logins. Install and unlock GNOME Keyring or KWallet, then try again.</source>
        <translation>Aucun trousseau système n’est disponible : Relais ne peut pas conserver vos connexions. Installez et déverrouillez GNOME Keyring ou KWallet, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="64" />
        <source>The system keyring is locked. Unlock it, then try again.</source>
        <translation>Le trousseau système est verrouillé. Déverrouillez-le, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="66" />
        <source>The system keyring did not answer. Check for a password prompt.</source>
        <translation>Le trousseau système ne répond pas. Vérifiez qu’une demande de mot de passe n’attend pas.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="68" />
        <source>The file {path} is not a Relais database. It was left untouched; move it away or choose another data folder.</source>
        <translation>Le fichier {path} n’est pas une base de données Relais. Il n’a pas été modifié ; déplacez-le ou choisissez un autre dossier de données.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73" />
        <source>The database {path} was written by a newer version of Relais. It was left untouched: update Relais to open it.</source>
        <translation>La base de données {path} a été écrite par une version plus récente de Relais. Elle n’a pas été modifiée : mettez Relais à jour pour l’ouvrir.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78" />
        <source>Direct messages of {handle} are not synced: its app password has no access to them. In Bluesky's Settings → Privacy and security → App passwords, create one with “Allow access to your direct messages” ticked, then add the account again with it.</source>
        <translation>Les messages privés de {handle} ne sont pas synchronisés : son mot de passe d’application n’y a pas accès. Dans Bluesky, Paramètres → Confidentialité et sécurité → Mots de passe d’application, créez-en un en cochant « Autoriser l’accès à vos messages privés », puis ajoutez de nouveau le compte avec.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="84" />
        <source>This customer does not accept private messages from you. Reply publicly instead, inviting them to write to you first.</source>
        <translation>Ce client n’accepte pas vos messages privés. Répondez publiquement, en l’invitant à vous écrire d’abord.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88" />
        <source>{network} refused the request (HTTP {status}).</source>
        <translation>{network} a refusé la requête (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="92" />
        <source>The demo needs its optional part: pip install 'relais[demo]'.</source>
        <translation>La démo a besoin de son module optionnel : pip install 'relais[demo]'.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="95" />
        <source>Unexpected error. Details were written to the log.</source>
        <translation>Erreur inattendue. Les détails ont été écrits dans le journal.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="13" />
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14" />
        <source>Answered</source>
        <translation>Répondu</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15" />
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16" />
        <source>Snoozed</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17" />
        <source>Backlog</source>
        <translation>Arriéré</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23" />
        <source>negative</source>
        <translation>négatif</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24" />
        <source>neutral</source>
        <translation>neutre</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25" />
        <source>positive</source>
        <translation>positif</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30" />
        <source>public</source>
        <translation>public</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30" />
        <source>private</source>
        <translation>privé</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40" />
        <source>threatens to cancel or leave</source>
        <translation>menace de résilier ou de partir</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41" />
        <source>demands a refund</source>
        <translation>exige un remboursement</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42" />
        <source>threatens legal or regulatory action</source>
        <translation>menace d’une action en justice ou d’un signalement</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43" />
        <source>calls for a boycott or to go public</source>
        <translation>appelle au boycott ou à tout rendre public</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44" />
        <source>reports a safety or health problem</source>
        <translation>signale un problème de sécurité ou de santé</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45" />
        <source>repeats a complaint still waiting</source>
        <translation>relance une réclamation toujours en attente</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53" />
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55" />
        <source>{h} h {m:02d}</source>
        <translation>{h} h {m:02d}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56" />
        <source>{d} d</source>
        <translation>{d} j</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61" />
        <source>{n}M followers</source>
        <translation>{n} M d’abonnés</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63" />
        <source>{n}k followers</source>
        <translation>{n} k abonnés</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66" />
        <source>1 follower</source>
        <translation>1 abonné</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67" />
        <source>{n} followers</source>
        <translation>{n} abonnés</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="121" />
        <source>Relais — reply queue</source>
        <translation>Relais — file de réponses</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="vanished">Compte :</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="vanished">Afficher :</translation>
    </message>
    <message>
        <source>At risk only</source>
        <translation type="vanished">Clients à risque seulement</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="vanished">Synchroniser</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="vanished">&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="vanished">File d’&amp;attente</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="vanished">&amp;Réglages</translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="vanished">Langue</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="vanished">Comme le système</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation type="vanished">Élément suivant</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation type="vanished">Élément précédent</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="vanished">Répondre</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation type="vanished">Marquer comme terminé</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="vanished">Mettre en pause</translation>
    </message>
    <message>
        <source>Undo last done/snooze</source>
        <translation type="vanished">Annuler le dernier « terminé » ou « pause »</translation>
    </message>
    <message>
        <source>Add a Mastodon account…</source>
        <translation type="vanished">Ajouter un compte Mastodon…</translation>
    </message>
    <message>
        <source>Add a Bluesky account…</source>
        <translation type="vanished">Ajouter un compte Bluesky…</translation>
    </message>
    <message>
        <source>Add an account…</source>
        <translation type="vanished">Ajouter un compte…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="vanished">Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220" />
        <source>Keyring unavailable: logins cannot be read</source>
        <translation>Trousseau indisponible : les connexions ne peuvent pas être lues</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation type="vanished">Tous les comptes</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="239" />
        <source>%n conversation(s)</source>
        <translation><numerusform>%n conversation</numerusform><numerusform>%n conversations</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269" />
        <source>Nothing to undo</source>
        <translation>Rien à annuler</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303" />
        <source>Fetching history… {done} of up to {total}</source>
        <translation>Récupération de l’historique… {done} sur {total} au plus</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309" />
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317" />
        <source>⚠ Offline since {time} — showing cached data</source>
        <translation>⚠ Hors ligne depuis {time} — données en cache</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323" />
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="325" />
        <source>Last sync {time}</source>
        <translation>Dernière synchro {time}</translation>
    </message>
</context>
<context>
    <name>QueueFilterBar</name>
    <message>
        <location filename="../../ui/queue_filters.py" line="59" />
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="60" />
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="61" />
        <source>At risk only</source>
        <translation>Clients à risque seulement</translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="62" />
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="80" />
        <source>All accounts</source>
        <translation>Tous les comptes</translation>
    </message>
</context>
<context>
    <name>ReplyQueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="82" />
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="83" />
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="84" />
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="85" />
        <source>Sentiment</source>
        <translation>Sentiment</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="86" />
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="140" />
        <source>at risk: {reasons}</source>
        <translation>à risque : {reasons}</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="150" />
        <source>{time} left</source>
        <translation>{time} restantes</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="151" />
        <source>{time} overdue</source>
        <translation>{time} de retard</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../ui/window_menus.py" line="75" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="76" />
        <source>&amp;Queue</source>
        <translation>File d’&amp;attente</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="77" />
        <source>&amp;Settings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="78" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="79" />
        <source>Follow the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="82" />
        <source>Next item</source>
        <translation>Élément suivant</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="83" />
        <source>Previous item</source>
        <translation>Élément précédent</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="84" />
        <source>Reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="85" />
        <source>Mark done</source>
        <translation>Marquer comme terminé</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="86" />
        <source>Snooze</source>
        <translation>Mettre en pause</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="87" />
        <source>Undo last done/snooze</source>
        <translation>Annuler le dernier « terminé » ou « pause »</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="88" />
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="89" />
        <source>Add a Mastodon account…</source>
        <translation>Ajouter un compte Mastodon…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="90" />
        <source>Add a Bluesky account…</source>
        <translation>Ajouter un compte Bluesky…</translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="91" />
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
</TS>