<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AddAccountDialog</name>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="174"/>
        <source>Add a Mastodon account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="176"/>
        <source>Relais opens your browser: sign in to your Mastodon server there and authorise Relais. Relais never sees your password; its access is kept in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="178"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="179"/>
        <source>Sign in with the &amp;browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="180"/>
        <source>Sign in with a &amp;code instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="182"/>
        <source>For a browser on another device, or one that cannot reach back to this computer: the sign-in page shows a code to paste here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="184"/>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="185"/>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="186"/>
        <source>&amp;Paste an access token instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="188"/>
        <source>Create one on your server in Preferences → Development → New application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="189"/>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="190"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="208"/>
        <source>Waiting for you to sign in and authorise Relais in the browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="231"/>
        <source>Sign in on the page that opened, then paste the code it shows here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="239"/>
        <source>Paste the code the sign-in page shows first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="246"/>
        <source>Checking the code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="252"/>
        <source>Paste an access token first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="255"/>
        <source>Checking the access token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="262"/>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="52"/>
        <source>Sign-in cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="300"/>
        <source>If your browser did not open, &lt;a href=&quot;{url}&quot;&gt;open the sign-in page&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_account.py" line="340"/>
        <source>Added {account}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="27"/>
        <source>This is not a server address. Type it like mastodon.social.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="30"/>
        <source>{server} cannot be reached. Check the address and your connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="34"/>
        <source>{server} does not look like a Mastodon server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="37"/>
        <source>{server} answered with an error ({status}). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="41"/>
        <source>The answer that came back from the browser does not belong to this sign-in, so it was ignored. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="45"/>
        <source>Relais was not authorised on {server}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="48"/>
        <source>No answer came back from the browser in time. Try again, or paste an access token instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="54"/>
        <source>{server} refused this access token. Check it, or create a new one in Preferences → Development.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddBlueskyDialog</name>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="122"/>
        <source>Add a Bluesky account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="124"/>
        <source>Sign in with the account&apos;s handle and an &lt;b&gt;app password&lt;/b&gt;, not your main password: an app password lets Relais read and answer without being able to change your account, and you can revoke it at any time. Create one in Bluesky&apos;s &lt;a href=&quot;{url}&quot;&gt;Settings → Privacy and security → App passwords&lt;/a&gt;, with “Allow access to your direct messages” ticked so Relais can answer DMs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="130"/>
        <source>&amp;Handle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="131"/>
        <source>App &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="132"/>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="133"/>
        <source>Keep my main password anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="148"/>
        <source>Type the handle and the app password first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="156"/>
        <source>Signing in to Bluesky…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="182"/>
        <source>Adding the account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="222"/>
        <source>This is the account&apos;s main password. Relais would keep it in the system keyring, where it could change the account. Create an app password instead (&lt;a href=&quot;{url}&quot;&gt;App passwords&lt;/a&gt;) and sign in with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="244"/>
        <source>Added {account}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_bluesky.py" line="253"/>
        <source>Added {account}. Its direct messages are not synced: this app password has no access to them. To answer DMs, create an app password with “Allow access to your direct messages” ticked, then add the account again with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="67"/>
        <source>No Bluesky account answers to {handle}. Check the handle (like name.bsky.social).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="70"/>
        <source>The server of {handle} could not be found. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="73"/>
        <source>This password asks for an e-mail code: use an app password instead (it never does).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sign_in_messages.py" line="76"/>
        <source>Bluesky refused this handle and password for {handle}. Check the app password, or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="250"/>
        <source>Relais is already open on this data folder{pid}. Switch to that window, or start this one with another data folder (--data-dir).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="253"/>
        <source> (process {pid})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../ui/cli.py" line="89"/>
        <source>The queue is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="94"/>
        <source>{time} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="95"/>
        <source>{time} overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="112"/>
        <source>No account yet: add one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="138"/>
        <source>1 new message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="139"/>
        <source>{n} new messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="153"/>
        <source>No account yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="155"/>
        <source>(reconnect needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="164"/>
        <source>There is no account {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="169"/>
        <source>Removed {account} ({server}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="194"/>
        <source>Added {account} on {server} (account {id}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="211"/>
        <source>This is the account&apos;s main password: Relais will not keep it. Create an app password ({url}) and use it, or pass --allow-main-password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="223"/>
        <source>Direct messages are not synced: this app password has no access to them. Create one with access to direct messages to answer DMs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="245"/>
        <source>Open this address in a browser, sign in and authorise Relais:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="248"/>
        <source>Then paste here the code the server shows, and press Enter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="253"/>
        <source>Sign in and authorise Relais in your browser. If it does not open, open this address on this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/cli.py" line="258"/>
        <source>No browser could be opened. Open the address above on this computer, or run again with --no-browser to paste a code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../../ui/conversation_panel.py" line="147"/>
        <source>Earlier messages from this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="148"/>
        <source>Write your reply… (Enter in the queue comes here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="151"/>
        <source>Public reply in the thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="152"/>
        <source>Private message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="154"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="155"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="156"/>
        <source>Reply publicly instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="222"/>
        <source>Select a conversation in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="229"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="235"/>
        <source>No earlier messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="250"/>
        <source>At risk: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="264"/>
        <source>Deleted by its author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="267"/>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="286"/>
        <source>Reply queued: it will be sent when the network allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="287"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="288"/>
        <source>Reply sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="289"/>
        <source>Sending failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="293"/>
        <source>This customer does not accept private messages from you: reply publicly, inviting them to write to you first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="296"/>
        <source>Sending failed: the message you answered no longer exists (deleted by its author?). Your reply is back in the reply box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="300"/>
        <source>Sending failed: the network refused this reply (details in the tooltip). It is back in the reply box: edit it, then send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="320"/>
        <source>Hello, we would like to help you in private, but your settings do not let us write to you first: could you send us a direct message?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/conversation_panel.py" line="349"/>
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/conversation_panel.py" line="350"/>
        <source>too long</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../ui/delegates.py" line="75"/>
        <source>{time} late</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>{network} is rate-limiting Relais; retrying in {s} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>{network} cannot be reached. Showing cached data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43"/>
        <source>{network} did not answer properly; Relais will retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="47"/>
        <source>Your login to {network} ({handle}) has expired: reconnect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>The only keyring available ({backend}) would store passwords in a plain file. Relais refuses to use it: install and unlock a Secret Service keyring (GNOME Keyring or KWallet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="59"/>
        <source>No system keyring is available, so Relais cannot keep your logins. Install and unlock GNOME Keyring or KWallet, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="64"/>
        <source>The system keyring is locked. Unlock it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="66"/>
        <source>The system keyring did not answer. Check for a password prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="68"/>
        <source>The file {path} is not a Relais database. It was left untouched; move it away or choose another data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>The database {path} was written by a newer version of Relais. It was left untouched: update Relais to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78"/>
        <source>Direct messages of {handle} are not synced: its app password has no access to them. In Bluesky&apos;s Settings → Privacy and security → App passwords, create one with “Allow access to your direct messages” ticked, then add the account again with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="84"/>
        <source>This customer does not accept private messages from you. Reply publicly instead, inviting them to write to you first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>{network} refused the request (HTTP {status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="92"/>
        <source>The demo needs its optional part: pip install &apos;relais[demo]&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="95"/>
        <source>Unexpected error. Details were written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="13"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>Snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>Backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>threatens to cancel or leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>demands a refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>threatens legal or regulatory action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>calls for a boycott or to go public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>reports a safety or health problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>repeats a complaint still waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>{m} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>{h} h {m:02d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>{d} d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>{n}M followers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>{n}k followers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>1 follower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>{n} followers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>Relais — reply queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Keyring unavailable: logins cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="239"/>
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269"/>
        <source>Nothing to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>Fetching history… {done} of up to {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>⚠ Offline since {time} — showing cached data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="325"/>
        <source>Last sync {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueFilterBar</name>
    <message>
        <location filename="../../ui/queue_filters.py" line="59"/>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="60"/>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="61"/>
        <source>At risk only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="62"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_filters.py" line="80"/>
        <source>All accounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplyQueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="82"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="83"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="84"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="85"/>
        <source>Sentiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="86"/>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="140"/>
        <source>at risk: {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="150"/>
        <source>{time} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="151"/>
        <source>{time} overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../ui/window_menus.py" line="75"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="76"/>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="77"/>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="78"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="79"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="82"/>
        <source>Next item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="83"/>
        <source>Previous item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="84"/>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="85"/>
        <source>Mark done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="86"/>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="87"/>
        <source>Undo last done/snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="88"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="89"/>
        <source>Add a Mastodon account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="90"/>
        <source>Add a Bluesky account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/window_menus.py" line="91"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
