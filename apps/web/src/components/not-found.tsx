import { Link } from 'react-router';

interface NotFoundProps {
  title?: string;
  text?: string;
  backTo?: string;
  backLabel?: string;
}

/** A not-found state with a way back. */
export const NotFound = ({
  title = 'Page not found',
  text = 'There is nothing at this address. Check it, or go back to the books.',
  backTo = '/',
  backLabel = 'Back to the books',
}: NotFoundProps) => (
  <section className="card narrow" aria-labelledby="not-found-title">
    <h1 id="not-found-title">{title}</h1>
    <p>{text}</p>
    <p>
      <Link to={backTo}>{backLabel}</Link>
    </p>
  </section>
);
