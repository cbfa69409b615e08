import { Link } from 'react-router';
import { OutcomePanel } from '../../components/outcome-panel.js';

interface InvalidLinkProps {
  text: string;
  to: string;
  linkLabel: string;
}

/** What an emailed link that is cut, expired or already used shows, with the way to a new one. */
export const InvalidLink = ({ text, to, linkLabel }: InvalidLinkProps) => (
  <OutcomePanel title="This link doesn’t work" kind="error">
    <p>{text}</p>
    <p>
      <Link to={to}>{linkLabel}</Link>
    </p>
  </OutcomePanel>
);
