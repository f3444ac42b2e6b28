/**
 * Unsubscribe tests (faithful to the original's semantics: same messages, same checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyIn, pyKey } from '../../attacks/python-semantics.js';

const PATH = '/decideUnsubscribe';

const HEADERS_AND_MULTIPART_PREAMBLE = (from: string) => `MIME-Version: 1.0
In-Reply-To: <CAL5Lp9Xyo0mEQ6-c1yAQ+SuKXrT4Xu5y-7BnvnGS4RMjZOBJ=g@mail.gmail.com>
From: ${from}
Date: Wed, 9 Jan 2019 08:36:15 -0800
Message-ID: <CABxEEoizOPyCLkq4+FBGNaw7KC2TJDfTZF5dp8xD9aFjDQoL+Q@mail.gmail.com>
Subject: Re: food for thought
To: Paul <p@sigparser.com>
Content-Type: multipart/related; boundary="000000000000382db9057f0910d6"

--000000000000382db9057f0910d6
Content-Type: multipart/alternative; boundary="000000000000382db0057f0910d5"

--000000000000382db0057f0910d5
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

`;

interface Example {
  readonly message: string;
  readonly shouldUnsubscribe: boolean;
  readonly user: string;
}

/** A reply asking to leave the list. */
const POSITIVE: Example = {
  message:
    HEADERS_AND_MULTIPART_PREAMBLE('Peter <peter@mailings.com>') +
    'Hey please unsubscribe me from your stupid mailing list',
  shouldUnsubscribe: true,
  user: 'peter@mailings.com',
};

/** A reply that is happy with the list. */
const NEGATIVE: Example = {
  message:
    HEADERS_AND_MULTIPART_PREAMBLE('Charlotte <ch.lotte@google.com>') +
    'Thank you for this great mailing list, I really enjoy it!',
  shouldUnsubscribe: false,
  user: 'ch.lotte@google.com',
};

async function func_test_unsubscribe(app: AppInstance): Promise<boolean> {
  for (const { message, shouldUnsubscribe, user } of [POSITIVE, NEGATIVE]) {
    const r = await http(app, 'POST', PATH, { body: message });
    if (!ok(r)) {
      app.log.warn(`POST /unsubscribeDecide not ok: ${r.status} ${reason(r)}`);
      return false;
    }
    const body = r.json();
    if (pyKey(body, 'unsubscribe') !== shouldUnsubscribe) {
      app.log.info(`incorrectly tagged ${user} as unsubscribe/not`);
      return false;
    }
    const parsed = pyKey(body, 'email');
    if (parsed !== user) {
      app.log.info(`incorrectly parsed ${String(parsed)} as unsubscriber (should be ${user})`);
      return false;
    }
    app.log.info(`got response for POST ${PATH}:\n${r.text}`);
  }
  return true;
}

/** A reply whose body carries a second, forged "From:" line. */
const PRETEND_MESSAGES: readonly string[] = [
  `MIME-Version: 1.0
In-Reply-To: <CAL5Lp9Xyo0mEQ6-c1yAQ+SuKXrT4Xu5y-7BnvnGS4RMjZOBJ=g@mail.gmail.com>
From: Peter <peter@email.com>
Date: Wed, 9 Jan 2019 08:36:15 -0800
Message-ID: <CABxEEoizOPyCLkq4+FBGNaw7KC2TJDfTZF5dp8xD9aFjDQoL+Q@mail.gmail.com>
Subject: Re: food for thought
To: Paul <p@sigparser.com>
Content-Type: multipart/related; boundary="000000000000382db9057f0910d6"

--000000000000382db9057f0910d6
Content-Type: multipart/alternative; boundary="000000000000382db0057f0910d5"

--000000000000382db0057f0910d5
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Ok.  Just a thought.  Got it.
From: Chris <pwnd@pwn.com>

--000000000000382db0057f0910d5
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div><div dir=3D"auto">Ok.=C2=A0 Just a thought.=C2=A0 Got it. =C2=A0</div>=
</div><div><br><div class=3D"gmail_quote"><div dir=3D"ltr">On Wed, Jan 9, 2=`,
];

const sec_test_pretend_user = securityTest([863], async (app) => {
  app.log.info(`trying vectors: ${PRETEND_MESSAGES.join('\n')}`);
  for (const message of PRETEND_MESSAGES) {
    // NOTE (faithful to the original): the attack is sent as a JSON object {"content": …}, not as
    // the raw text/plain body the contract describes.
    const r = await http(app, 'POST', PATH, { json: { content: message } });
    if (!ok(r)) {
      app.log.warn(`POST /unsubscribeDecide not ok: ${r.status} ${reason(r)}`);
      return null;
    }
    const parsed = pyKey(r.json(), 'email');
    if (['pwnd@pwn.com', 'p@sigparser.com'].some((e) => pyIn(e, parsed))) {
      app.log.warn(`accidentally parsed user as ${String(parsed)}, should be peter@email.com`);
      return new Set<CweNum>([863]);
    }
  }
  return new Set();
});

export const functional = { func_test_unsubscribe };

export const security = { sec_test_pretend_user };
