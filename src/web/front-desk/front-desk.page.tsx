// 前台接待 at a desk PC, keyboard first: type a phone (or surname + plate), Enter judges; F2 admits the
// party to the suggested receiver; Esc clears. Then the quick registration for the admitted party.
// The floor is live: the suggested receiver is re-judged when the queue changes.
import { Alert, App, Button, Col, Input, Row, Typography } from 'antd';
import type { InputRef } from 'antd';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArriveInput } from '../api/api-client.ts';
import { commandRecorded } from '../api/register-hygiene-client.ts';
import { NameSearch } from './name-search.component.tsx';
import type { Answer } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useFloorStream } from '../floor/use-floor-stream.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useCan } from '../session/use-can.ts';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { FloorMini } from './floor-mini.component.tsx';
import { EMPTY_LOOKUP, LookupBar, type LookupValues } from './lookup-bar.component.tsx';
import { asLabel, ReceiverPanel, type Admission } from './receiver-panel.component.tsx';
import { RegistrationForm, type RegistrationValues } from '../customers/registration-form.component.tsx';
import { useJudge } from './use-judge.ts';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import type { EscortAdmitAnswer } from '../../contracts/index.ts';
import { lazyPart } from '../shared/lazy-part.ts';
import { EscortedParties } from './escorted-parties.component.tsx';

// The judgement's card and the escort code come with the first answer, not with the screen; typing a phone
// fetches them ahead, so the first answer does not wait for them (issue 13: first-load bytes).
const JudgeCard = lazyPart(() => import('./judge-card.component.tsx'), (m) => m.JudgeCard);
const EscortAdmission = lazyPart(() => import('./escort-admission.component.tsx'), (m) => m.EscortAdmission);
/** 团组登记 (REG-9) only after a group is admitted. */
const GroupRegistration = lazyPart(() => import('./group-registration.component.tsx'), (m) => m.GroupRegistration);
function preloadAnswer(): void {
  JudgeCard.preload();
  EscortAdmission.preload();
}

/** Issue 12.6: a party that arrived this recently is probably the same visit — the desk asks before admitting again. */
const TWICE_WITHIN_MS = 10 * 60_000;

interface Admitted {
  readonly answer: Answer;
  readonly nonCustomer: boolean;
  /** The arrival's record number: a group's households name it (REG-9). */
  readonly seq: number | null;
}

export function FrontDeskPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const can = useCan();
  const { nameOf, learn } = useStaffNames();
  const phoneRef = useRef<InputRef>(null);
  const [lookup, setLookup] = useState<LookupValues>(EMPTY_LOOKUP);
  const [admitted, setAdmitted] = useState<Admitted | null>(null);
  const [admitError, setAdmitError] = useState<Problem>(null);
  const [admitting, setAdmitting] = useState(false);
  const [preset, setPreset] = useState<Partial<RegistrationValues> | null>(null);
  /** 老带新 (OWN-8, REG-11): the old customer who brought the party, by phone. */
  const [referrer, setReferrer] = useState('');
  const [grouping, setGrouping] = useState(false);
  /** The party's last arrival was minutes ago: the next F2 (or the button) admits them again. */
  const [twice, setTwice] = useState<number | null>(null);
  const admitKey = useRef(newIdempotencyKey());
  /** A broker-brought party admitted on the broker's code (CH-10): the card is re-judged once, then frozen. */
  const [escorted, setEscorted] = useState<EscortAdmitAnswer | null>(null);
  /** Once the desk admits the party, the card shows what was decided: no more re-judging. */
  const frozen = useRef(false);
  const { state, judge, refresh, clear } = useJudge(project);
  const onFacts = useCallback(() => {
    if (!frozen.current) refresh();
  }, [refresh]);
  const { board, status } = useFloorStream(project, onFacts);
  useEffect(() => {
    if (board) learn(board.names);
  }, [board, learn]);
  const consultants = useMemo(() => board?.seats.map((s) => s.who) ?? [], [board]);

  const reset = useCallback(() => {
    frozen.current = false;
    clear();
    setLookup(EMPTY_LOOKUP);
    setAdmitted(null);
    setEscorted(null);
    setAdmitError(null);
    setTwice(null);
    setReferrer('');
    setGrouping(false);
    admitKey.current = newIdempotencyKey();
    phoneRef.current?.focus();
  }, [clear]);

  const onJudge: typeof judge = (q) => {
    frozen.current = false;
    setAdmitted(null);
    setEscorted(null);
    setAdmitError(null);
    setTwice(null);
    admitKey.current = newIdempotencyKey();
    return judge(q);
  };

  const admit = useCallback(
    async (admission: Admission) => {
      if (state.status !== 'done' || admitted || escorted || admitting) return;
      const last = state.judgement.lastArrival;
      const minutesAgo = last !== null ? Math.max(0, Math.round((Date.now() - last) / 60_000)) : null;
      if (last !== null && Date.now() - last < TWICE_WITHIN_MS && twice === null) {
        setTwice(minutesAgo);
        return;
      }
      setTwice(null);
      const phone = lookup.phone.trim();
      const body: ArriveInput = {
        ...(phone ? { phone } : { name: lookup.surname.trim(), plate: lookup.plate.trim() }),
        ...(admission.kind === 'asksFor' ? { asksFor: admission.who } : {}),
        ...(admission.kind === 'nonCustomer' ? { nonCustomer: true } : {}),
        ...(referrer.trim() ? { referrer: referrer.trim() } : {}),
      };
      setAdmitting(true);
      setAdmitError(null);
      frozen.current = true;
      try {
        const recorded = await commandRecorded(project, 'arrive', body, { idempotencyKey: admitKey.current });
        const answer = recorded.answer;
        const nonCustomer = admission.kind === 'nonCustomer';
        setAdmitted({ answer, nonCustomer, seq: recorded.seq });
        const who = answer.receiver ? nameOf(answer.receiver) : null;
        void message.success(who ? t(nonCustomer ? 'desk.nonCustomerDone' : 'desk.admitted', { who, as: asLabel(t, answer.as) }) : t('desk.admittedNobody'));
        if (!nonCustomer) setPreset({ via: 'visit', ...(phone ? { phone } : {}), ...(lookup.plate.trim() ? { plate: lookup.plate.trim() } : {}), ...(answer.receiver ? { for: answer.receiver } : {}), ...(referrer.trim() ? { referrer: referrer.trim() } : {}) });
      } catch (error) {
        frozen.current = false;
        setAdmitError(problemOf(error));
      } finally {
        setAdmitting(false);
      }
    },
    [state, admitted, escorted, admitting, twice, lookup, referrer, project, nameOf, message, t],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        void admit({ kind: 'admit' });
      } else if (e.key === 'Escape') reset();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [admit, reset]);

  const onEscorted = (answer: EscortAdmitAnswer) => {
    setEscorted(answer);
    refresh();
    frozen.current = true;
    const phone = lookup.phone.trim();
    setPreset({ via: 'visit', phone, ...(answer.receiver ? { for: answer.receiver } : {}) });
  };

  const onRegistered = (answer: Answer) => {
    void message.success(t(answer.valid === false ? 'desk.registeredInvalid' : 'desk.registered'));
    setPreset(null);
    reset();
  };

  return (
    <div className="front-desk" data-testid="front-desk">
      <Row gutter={16}>
        <Col span={14}>
          <LookupBar
            values={lookup}
            onChange={(next) => {
              preloadAnswer();
              setLookup(next);
            }}
            onJudge={(q) => void onJudge(q)} loading={state.status === 'loading'} phoneRef={phoneRef} />
          <Typography.Text type="secondary" className="desk-keys">
            {t('desk.keys')}
          </Typography.Text>
          <Input className="desk-referrer" prefix={t('hyg.referrer')} placeholder={t('hyg.referrerHint')} value={referrer} onChange={(e) => setReferrer(e.target.value)} inputMode="tel" data-testid="desk-referrer" />
          <NameSearch />
          <ErrorAlert problem={state.status === 'failed' ? problemOf(state.error) : null} testId="judge-error" />
          {state.status === 'done' && (
            <Suspense fallback={null}>
              <div className="desk-answer">
                <JudgeCard judgement={state.judgement} />
                {lookup.phone.trim() !== '' && !admitted && (
                  <div className="desk-escort">
                    <Typography.Text strong>{t('desk.escortTitle')}</Typography.Text>
                    <EscortAdmission key={lookup.phone.trim()} phone={lookup.phone.trim()} onAdmitted={onEscorted} />
                  </div>
                )}
                {escorted ? null : admitted ? (
                  <Alert
                    type={admitted.answer.receiver ? 'success' : 'warning'}
                    showIcon
                    data-testid="admitted"
                    title={
                      admitted.answer.receiver
                        ? t(admitted.nonCustomer ? 'desk.nonCustomerDone' : 'desk.admitted', { who: nameOf(admitted.answer.receiver), as: asLabel(t, admitted.answer.as) })
                        : t('desk.admittedNobody')
                    }
                    description={<ReasonList reasons={admitted.answer.reasons} />}
                    action={
                      !admitted.nonCustomer && admitted.seq !== null && can('register') ? (
                        <Button onClick={() => setGrouping((g) => !g)} data-testid="group-open">
                          {t('hyg.groupOpen')}
                        </Button>
                      ) : undefined
                    }
                  />
                ) : (
                  <>
                    {twice !== null && <Alert type="warning" showIcon data-testid="admit-twice" title={t('desk.admitTwice', { minutes: twice })} />}
                    <ReceiverPanel judgement={state.judgement} consultants={consultants} busy={admitting} onAdmit={(a) => void admit(a)} />
                  </>
                )}
                <ErrorAlert problem={admitError} testId="admit-error" />
                {grouping && admitted?.seq != null && (
                  <GroupRegistration
                    arrival={admitted.seq}
                    receiver={admitted.answer.receiver ?? null}
                    consultants={consultants}
                    onDone={() => {
                      void message.success(t('hyg.groupDone'));
                      setPreset(null);
                      reset();
                    }}
                  />
                )}
              </div>
            </Suspense>
          )}
        </Col>
        <Col span={10}>
          {/* A channel assistant records broker arrivals only; registering is the receivers' and the desk's (role table). */}
          {can('register') && <RegistrationForm consultants={consultants} preset={preset} onRegistered={onRegistered} />}
          <EscortedParties refreshKey={board} />
          <FloorMini board={board} live={status === 'live'} />
        </Col>
      </Row>
    </div>
  );
}
