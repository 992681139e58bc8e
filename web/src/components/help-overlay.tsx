/** The `?` overlay listing keyboard shortcuts. */
import { SHORTCUTS } from '../lib/shortcuts';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" onClick={onClose} data-testid="help-overlay">
      <div
        className="overlay-box"
        role="dialog"
        aria-label="Keyboard shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Keyboard shortcuts</h2>
        <table className="kbd-table">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  {keys.split(' ').map((k, i) => (
                    <kbd key={i}>{k}</kbd>
                  ))}
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
