// On the client's manage page (and so on the booking's confirmation): the way to the intake before a first
// session, and whether it has arrived. Nothing of the answers is shown.
export function IntakeInvite({ token, received, therapistName }: { token: string; received: boolean; therapistName: string }) {
  return (
    <section class="card" aria-labelledby="intake-title" data-intake="">
      <h2 id="intake-title">Before your first session</h2>
      {received ? (
        <p>Thank you: {therapistName} has your answers to the questions before your first session.</p>
      ) : (
        <>
          <p>A few questions for {therapistName}, so that your first session can start from what matters to you. It takes about five minutes.</p>
          <p>
            <a href={`/manage/${token}/intake`}>Answer the questions before your first session</a>
          </p>
        </>
      )}
    </section>
  );
}
