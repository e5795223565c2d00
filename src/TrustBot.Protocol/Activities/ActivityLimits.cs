namespace TrustBot.Protocol.Activities;

/// <summary>
/// The bounds every inbound activity field the bot reads must keep, enforced once by <see cref="ActivityValidator"/>
/// before a turn starts. Each bound sits well above anything Teams sends and below what storage and URLs can carry.
/// </summary>
public static class ActivityLimits
{
    /// <summary>
    /// Teams ids (conversation, user, bot, team, channel, activity). They are under ~150 characters (<c>a:1…</c> is
    /// the longest), and a tenant id plus two of them (team and leader) plus job text share one Table Storage key,
    /// which holds 1 KiB (Azurite: 512 characters).
    /// </summary>
    public const int MaxIdLength = 192;

    /// <summary>Entra directory ids (tenant, <c>aadObjectId</c>, <c>aadGroupId</c>): GUIDs of 36 characters; the tenant prefixes nearly every key.</summary>
    public const int MaxDirectoryIdLength = 64;

    /// <summary>
    /// Characters an id may not contain besides spaces, controls and non-ASCII: <c>/ \ # ?</c> are forbidden in Table
    /// Storage keys, and <c>%</c> and <c>|</c> are the storage escape mark and key separator, which would triple in length.
    /// </summary>
    public const string ForbiddenIdCharacters = "/\\#?%|";

    /// <summary>Display names (team, channel, person). Teams caps team names and Entra display names at 256 characters.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Message text, HTML included. Teams refuses messages over ~28 KB, and this fits a 32K-character table property.</summary>
    public const int MaxTextLength = 28 * 1024;

    /// <summary>A mention's literal text, <c>&lt;at&gt;name&lt;/at&gt;</c>: a longest name with room for HTML-encoded characters.</summary>
    public const int MaxMentionTextLength = 4 * MaxNameLength;

    /// <summary>
    /// Protocol keywords (type, invoke name, action, channel id, text format, conversation type, event type, role, entity
    /// type): the longest Teams sends, such as <c>adaptiveCard/action</c> or <c>teamMemberRemoved</c>, is under 40.
    /// </summary>
    public const int MaxKeywordLength = 64;

    /// <summary>The locale. BCP 47 asks implementations to handle tags of at least 35 characters; Teams sends <c>en-US</c>.</summary>
    public const int MaxLocaleLength = 64;

    /// <summary>Time zones (<c>localTimezone</c>, <c>clientInfo.timezone</c>). The longest IANA id has 32 characters.</summary>
    public const int MaxTimeZoneLength = 64;

    /// <summary>The service URL, stored with every installation. Connector base URLs are under 100 characters.</summary>
    public const int MaxServiceUrlLength = 512;

    /// <summary>Entities (mentions, client info): a message mentioning dozens of people stays far below this.</summary>
    public const int MaxEntities = 256;

    /// <summary>
    /// Members in <c>membersAdded</c> or <c>membersRemoved</c>. Only the bot is looked for; this is above what one
    /// conversationUpdate carries and about what the 256 KB body cap lets through anyway.
    /// </summary>
    public const int MaxMembers = 1000;

    /// <summary>How deep <c>value</c> may nest. Card data arrives two or three levels down (<c>value.action.data</c>).</summary>
    public const int MaxValueDepth = 16;

    /// <summary>Objects, arrays and scalars in <c>value</c>. TrustBot's largest card (settings) sends back about a dozen inputs.</summary>
    public const int MaxValueNodes = 1000;

    /// <summary>
    /// A string in <c>value</c>. The longest TrustBot card input is a 1,000-character note; room for clients that
    /// ignore the input's <c>maxLength</c>, and far inside a 32K-character table property.
    /// </summary>
    public const int MaxValueStringLength = 4000;

    /// <summary>A property name in <c>value</c>: card input ids are short (<c>answer-ps.speakUp</c>).</summary>
    public const int MaxValuePropertyNameLength = 256;
}
